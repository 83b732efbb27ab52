using System.Collections.Concurrent;

namespace Agon.Hosts.Embedded;

/// <summary>
/// The one thread that makes the engine's native calls for a generation. llama.cpp (built with OpenMP) keeps a team of
/// worker threads per calling thread; decoding from whichever pool thread an await resumes on wakes a different team,
/// cold, for each token, which made generation slow and erratic. One long-lived caller keeps one warm team, as
/// llama-server's single loop does.
/// </summary>
internal sealed class EngineThread
{
    private readonly BlockingCollection<Action> _work = [];

    private EngineThread()
    {
        new Thread(Loop) { IsBackground = true, Name = "agon engine" }.Start();
    }

    public static EngineThread Shared { get; } = new();

    /// <summary>Runs work on the engine thread, after any work queued before it; the task carries its result or failure.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var task = new Task<T>(work, TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(task.RunSynchronously);
        return task;
    }

    private void Loop()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
