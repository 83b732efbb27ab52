using System.CommandLine;
using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon unload models</c>: unload models (default: every loaded model on the selected hosts).</summary>
internal sealed class UnloadModelsCommand : FleetCommand
{
    private readonly Argument<string[]> _models = new("MODEL") { Description = "Models to unload (host/model, or model with --host); default: every loaded model", Arity = ArgumentArity.ZeroOrMore };

    public UnloadModelsCommand()
        : base("models", "Unload models (default: every loaded model)")
    {
        Arguments.Add(_models);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var arguments = context.ParseResult.GetValue(_models) ?? [];
        var exitCode = ExitCodes.Success;
        List<(IModelHost Host, string Model)> targets;
        if (arguments.Length > 0)
        {
            targets = ModelTargets.Resolve(fleet, arguments, (context.ParseResult.GetValue(HostOption) ?? []).Length > 0);
        }
        else
        {
            // A single-model server's one model cannot be unloaded through its API: with no names given that host is
            // passed over with a note, not failed (a mixed fleet's "unload everything" then still exits 0).
            var outcomes = await fleet.ForEachAsync<IReadOnlyList<ModelInfo>?>(
                async (host, ct) => (await host.GetCapabilitiesAsync(ct)).CanLoad ? await host.ListModelsAsync(ct) : null,
                cancellationToken);
            exitCode = ReportErrors(context, outcomes);
            foreach (var single in outcomes.Where(o => !o.Failed && o.Value is null))
            {
                context.Console.WriteNote($"host {single.Host.Name} runs a single model; its model stays loaded");
            }

            targets = outcomes.Where(o => !o.Failed && o.Value is not null)
                .SelectMany(o => o.Value!.Where(m => ModelStatus.IsRunning(m.Status)).Select(m => (o.Host, m.Id)))
                .ToList();
            if (targets.Count == 0)
            {
                context.Console.WriteNote("no model is loaded on the selected hosts");
                return Math.Max(exitCode, EmptyResults(context));
            }
        }

        using var board = new ProgressBoard(context.Console, context.TimeProvider);
        var results = await TargetRunner.RunPerHostAsync(targets, board, async (host, model, _, ct) =>
        {
            var result = await host.UnloadAsync(model, ct);
            return (result.WasLoaded ? "unloaded" : "not-loaded", result.Note, null);
        }, cancellationToken);
        return Math.Max(exitCode, ReportResults(context, results, board));
    }
}
