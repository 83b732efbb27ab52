using System.Globalization;
using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon list models</c>: one row per (host, model); configured models a host lacks show as <c>missing</c>.</summary>
internal sealed class ListModelsCommand() : FleetCommand("models", "Every model on every host, with its status")
{
    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var (rows, exitCode) = await InventoryAsync(context, fleet, _ => true, cancellationToken);
        if (rows is null)
        {
            return exitCode;
        }

        if (rows.Count == 0 && exitCode == ExitCodes.Success)
        {
            foreach (var host in fleet.Hosts)
            {
                context.Console.WriteNote(host.EmptyListHint);
            }
        }
        else if (rows.Count > 0)
        {
            context.Console.WriteLine(TextTable.Render(
                ["HOST", "MODEL", "STATUS", "CONFIGURED", "SIZE", "QUANT", "CONTEXT", "CAPABILITIES"],
                rows.Select(r => (IReadOnlyList<string>)
                [
                    r.Host, r.Model, Status(r), r.Configured ? "yes" : "no", Figures.Bytes(r.SizeBytes), r.Quantization ?? "-",
                    r.ContextLength?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    r.Capabilities.Count > 0 ? string.Join(",", r.Capabilities) : "-",
                ])));
            foreach (var failed in rows.Where(r => r.Status == ModelStatus.Failed && r.Error is not null))
            {
                context.Console.WriteNote($"{failed.Host}/{failed.Model} failed: {failed.Error}");
            }
        }

        return exitCode;
    }

    internal static string Status(ModelRow row) =>
        row.Status == ModelStatus.Failed && row.ExitCode is { } code ? $"failed (exit {code})" : row.Status;
}
