using System.Diagnostics.CodeAnalysis;

namespace Agon.Hosts.Embedded;

/// <summary>
/// The models in memory (the least recently used goes first when room is needed) and, for each file that would not
/// load, the reason. Every member takes the one lock, so a model is never disposed while it is being read.
/// </summary>
internal sealed class EmbeddedModelCache : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LoadedModel> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>The model when it is in memory, marked as the most recently used.</summary>
    public bool TryUse(string id, [NotNullWhen(true)] out LoadedModel? model)
    {
        lock (_lock)
        {
            if (_loaded.TryGetValue(id, out model))
            {
                model.LastUsed = ++_clock;
                return true;
            }

            return false;
        }
    }

    /// <summary>Unloads the least recently used models until fewer than <paramref name="max"/> remain.</summary>
    public void MakeRoom(int max)
    {
        lock (_lock)
        {
            while (_loaded.Count >= max)
            {
                var victim = _loaded.Values.OrderBy(m => m.LastUsed).First();
                _loaded.Remove(victim.Model.Id);
                victim.Dispose();
            }
        }
    }

    /// <summary>Keeps a model that has just loaded, as the most recently used, and forgets an earlier failure.</summary>
    public void Add(LoadedModel model)
    {
        lock (_lock)
        {
            model.LastUsed = ++_clock;
            _failures.Remove(model.Model.Id);
            _loaded[model.Model.Id] = model;
        }
    }

    /// <summary>Remembers why a file would not load; <c>list models</c> shows it as <c>failed</c>.</summary>
    public void Fail(string id, string reason)
    {
        lock (_lock)
        {
            _failures[id] = reason;
        }
    }

    /// <summary>Unloads one model; false when it was not in memory.</summary>
    public bool Remove(string id)
    {
        lock (_lock)
        {
            if (!_loaded.Remove(id, out var loaded))
            {
                return false;
            }

            loaded.Dispose();
            return true;
        }
    }

    /// <summary>Unloads every model whose id matches.</summary>
    public void RemoveWhere(Func<string, bool> match)
    {
        lock (_lock)
        {
            foreach (var id in _loaded.Keys.Where(match).ToList())
            {
                _loaded.Remove(id, out var loaded);
                loaded!.Dispose();
            }
        }
    }

    /// <summary>Reads a model's state under the lock: the model when in memory, the failure when it would not load.</summary>
    public T Read<T>(string id, Func<LoadedModel?, string?, T> read)
    {
        lock (_lock)
        {
            return read(_loaded.GetValueOrDefault(id), _failures.GetValueOrDefault(id));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var loaded in _loaded.Values)
            {
                loaded.Dispose();
            }

            _loaded.Clear();
        }
    }
}
