using System.Globalization;
using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon list running</c>: what is loaded (or loading, or asleep) where.</summary>
internal sealed class ListRunningCommand() : FleetCommand("running", "What is loaded where across the fleet")
{
    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var (rows, exitCode) = await InventoryAsync(context, fleet, r => ModelStatus.IsRunning(r.Status), cancellationToken);
        if (rows is null)
        {
            return exitCode;
        }

        if (rows.Count == 0)
        {
            context.Console.WriteNote("no model is loaded on the selected hosts");
            return exitCode;
        }

        // SIZE is what the model takes in memory where the host says (Ollama /api/ps), else the model's own size.
        var now = context.TimeProvider.GetUtcNow();
        context.Console.WriteLine(TextTable.Render(
            ["HOST", "MODEL", "STATUS", "SIZE", "VRAM", "CONTEXT", "EXPIRES"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                r.Host, r.Model, r.Status, Figures.Bytes(r.LoadedSizeBytes ?? r.SizeBytes), Figures.Bytes(r.SizeVram),
                r.ContextLength?.ToString(CultureInfo.InvariantCulture) ?? "-",
                r.ExpiresAt is { } at ? RelativeTime.Until(at, now) : "-",
            ])));
        return exitCode;
    }
}
