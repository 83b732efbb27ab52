using Agon.Hosts;
using Agon.Terminal;

namespace Agon.Models;

/// <summary>Runs one operation per (host, model): hosts in parallel, a host's models one after another.</summary>
internal static class TargetRunner
{
    public delegate Task<(string Outcome, string? Note, double? Seconds)> TargetAction(IModelHost host, string model, IProgress<ModelProgress> progress, CancellationToken cancellationToken);

    public static async Task<List<TargetResult>> RunPerHostAsync(
        IEnumerable<(IModelHost Host, string Model)> targets, ProgressBoard board, TargetAction action, CancellationToken cancellationToken)
    {
        var rows = targets.Select(t => (t.Host, t.Model, Progress: board.Add($"{t.Host.Name}/{t.Model}"))).ToList();
        var perHost = rows.GroupBy(r => r.Host).Select(async group =>
        {
            var results = new List<TargetResult>();
            foreach (var (host, model, progress) in group)
            {
                try
                {
                    var (outcome, note, seconds) = await action(host, model, progress, cancellationToken);
                    board.Complete(progress, note ?? outcome);
                    results.Add(new TargetResult { Host = host.Name, Model = model, Outcome = outcome, Note = note, Seconds = seconds is { } s ? Math.Round(s, 2) : null });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The reason follows as an error line under the board, which is not redrawn over it.
                    board.Complete(progress, "failed");
                    var message = ex is AgonException ? ex.Message : $"{model} on host {host.Name}: unexpected failure: {ex.Message}";
                    results.Add(new TargetResult { Host = host.Name, Model = model, Outcome = "failed", Error = message, Unexpected = ex is AgonException ? null : ex });
                }
            }

            return results;
        });
        return (await Task.WhenAll(perHost)).SelectMany(r => r).ToList();
    }
}
