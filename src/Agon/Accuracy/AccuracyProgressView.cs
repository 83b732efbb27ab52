using Agon.Terminal;

namespace Agon.Accuracy;

/// <summary>
/// Shows a running suite on stderr: one live line per target on a terminal, or, when stderr is not a terminal and
/// <c>--json</c> is off, one line per target as it finishes. Failed requests are one warning each.
/// </summary>
internal sealed class AccuracyProgressView(IAgonConsole console, TimeProvider timeProvider, IEnumerable<string> labels) : IAccuracyObserver, IDisposable
{
    private readonly TargetProgress _progress = new(console, timeProvider, labels);

    public void OnProgress(string label, string step, double fraction) => _progress.Report(label, label, step, fraction);

    public void OnRecord(AccuracyRecord record)
    {
        if (record.Error is not null)
        {
            _progress.Warning($"test {record.Test.Id} on {record.Label}: {record.ErrorKind}: {record.Error}");
        }
    }

    public void OnSummary(AccuracySummary summary)
    {
        if (summary.RagMode is null)
        {
            _progress.Complete(summary.Target, AccuracyTable.Headline(summary));
        }

        _progress.Note($"{summary.Target}{(summary.RagMode is { } m ? $" (rag {m})" : "")}: {AccuracyTable.Headline(summary)}");
    }

    public void Dispose() => _progress.Dispose();
}
