using Agon.Hosts;

namespace Agon.Tests.TestServices;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them later), optionally acting on each.</summary>
internal sealed class ListProgress(Action<ModelProgress>? onReport = null) : IProgress<ModelProgress>
{
    private readonly Lock _gate = new();
    private readonly List<ModelProgress> _items = [];

    public IReadOnlyList<ModelProgress> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    public void Report(ModelProgress value)
    {
        lock (_gate)
        {
            _items.Add(value);
        }

        onReport?.Invoke(value);
    }
}
