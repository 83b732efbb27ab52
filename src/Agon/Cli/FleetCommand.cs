using System.CommandLine;
using System.Text.Json.Serialization.Metadata;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>A command over the fleet: <c>--host H</c> (repeatable) narrows it; <c>--json</c> prints data.</summary>
internal abstract class FleetCommand : AgonCommand
{
    protected FleetCommand(string name, string description, bool json = true, params string[] aliases)
        : base(name, description)
    {
        Options.Add(HostOption);
        if (json)
        {
            Options.Add(JsonOption);
        }

        foreach (var alias in aliases)
        {
            Aliases.Add(alias);
        }
    }

    protected Option<string[]> HostOption { get; } = new("--host")
    {
        Description = "Only this host (repeatable)",
        HelpName = "name",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public sealed override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var config = context.Config;
        await using var fleet = new Fleet(config, context.HostFactory, context.ParseResult.GetValue(HostOption) ?? []);
        foreach (var (host, error) in fleet.Unavailable)
        {
            context.Console.WriteError(error);
        }

        var exitCode = await ExecuteAsync(context, fleet, cancellationToken);
        return fleet.Unavailable.Count > 0 && exitCode == ExitCodes.Success ? ExitCodes.Failed : exitCode;
    }

    protected abstract Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken);

    protected static bool Json(CommandContext context) => context.Console.JsonOutput;

    protected static void WriteJson<T>(CommandContext context, T value, JsonTypeInfo<T> typeInfo) =>
        context.Console.WriteData(JsonText.Serialize(value, typeInfo));

    /// <summary>Nothing to do: with <c>--json</c>, an empty result list, so a script reading it never breaks.</summary>
    /// <summary>
    /// The inventory rows of every reachable host that pass <paramref name="keep"/>, with the exit code its errors
    /// give; with <c>--json</c> the rows are written and <c>Rows</c> is null.
    /// </summary>
    protected static async Task<(List<Models.ModelRow>? Rows, int ExitCode)> InventoryAsync(CommandContext context, Fleet fleet, Func<Models.ModelRow, bool> keep, CancellationToken cancellationToken)
    {
        var outcomes = await Models.FleetInventory.ListAsync(fleet, cancellationToken);
        var exitCode = ReportErrors(context, outcomes);
        var rows = outcomes.Where(o => !o.Failed).SelectMany(o => o.Value!).Where(keep).ToList();
        if (Json(context))
        {
            WriteJson(context, rows, Models.ModelsJsonContext.Default.ListModelRow);
            return (null, exitCode);
        }

        return (rows, exitCode);
    }

    protected static int EmptyResults(CommandContext context)
    {
        if (Json(context))
        {
            WriteJson(context, new List<TargetResult>(), ModelsJsonContext.Default.ListTargetResult);
        }

        return ExitCodes.Success;
    }

    /// <summary>Writes each host's error as one line on stderr; returns the exit code the outcomes call for.</summary>
    protected static int ReportErrors<T>(CommandContext context, IEnumerable<HostOutcome<T>> outcomes)
    {
        var failed = false;
        foreach (var outcome in outcomes.Where(o => o.Failed))
        {
            context.Console.WriteError(outcome.Error!);
            failed = true;
        }

        return failed ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>Prints the results of a per-target operation (JSON, or one line each) and returns 1 when any failed.</summary>
    protected static int ReportResults(CommandContext context, List<TargetResult> results, Terminal.ProgressBoard board)
    {
        var console = context.Console;
        if (console.JsonOutput)
        {
            console.WriteData(JsonText.Serialize(results, ModelsJsonContext.Default.ListTargetResult));
        }

        foreach (var result in results)
        {
            if (result.Unexpected is { } unexpected)
            {
                context.Log.Write($"ERROR {result.Model} on host {result.Host}: {unexpected}");
            }

            if (result.Error is not null)
            {
                console.WriteError(result.Error);
            }
            else if (!console.JsonOutput && !board.Enabled)
            {
                var took = result.Seconds is { } s ? $" ({s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s)" : "";
                console.WriteLine(result.Note ?? $"{result.Outcome} {result.Model} on {result.Host}{took}");
            }
        }

        return results.Any(r => r.Error is not null) ? ExitCodes.Failed : ExitCodes.Success;
    }
}
