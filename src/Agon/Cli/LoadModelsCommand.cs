using System.CommandLine;
using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon load models</c>: load models (default: each host's configured ones) and wait until they are ready.</summary>
internal sealed class LoadModelsCommand : FleetCommand
{
    private readonly Argument<string[]> _models = new("MODEL") { Description = "Models to load (host/model, or model with --host); default: each host's configured models", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> _noWait = new("--no-wait") { Description = "Ask for the loads and return without waiting" };

    public LoadModelsCommand()
        : base("models", "Load models (default: each host's configured models) and wait until ready")
    {
        Arguments.Add(_models);
        Options.Add(_noWait);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var arguments = context.ParseResult.GetValue(_models) ?? [];
        var targets = arguments.Length > 0
            ? ModelTargets.Resolve(fleet, arguments, (context.ParseResult.GetValue(HostOption) ?? []).Length > 0)
            : fleet.Hosts.SelectMany(h => h.Config.Models.Select(m => (Host: h, Model: m))).ToList();
        if (targets.Count == 0)
        {
            context.Console.WriteNote("nothing to load: the selected hosts have no configured models; name models to load");
            return EmptyResults(context);
        }

        foreach (var outcome in await LoadLimits.CheckAsync(fleet, targets, cancellationToken))
        {
            if (outcome.Value is { LoadsOutliveTheRun: false })
            {
                context.Console.WriteNote($"note: host {outcome.Host.Name} runs models inside agon, so they stay loaded only while this command runs; chat loads them on first use");
            }
        }

        var noWait = context.ParseResult.GetValue(_noWait);
        using var board = new ProgressBoard(context.Console, context.TimeProvider);
        var results = await TargetRunner.RunPerHostAsync(targets, board, async (host, model, progress, ct) =>
        {
            var started = context.TimeProvider.GetTimestamp();
            string status;
            if (noWait)
            {
                status = await host.StartLoadAsync(model, ct);
                if (status == ModelStatus.Loading)
                {
                    return ("requested", null, null);
                }
            }
            else
            {
                var stage = new StageTracker(progress);
                await host.LoadAsync(model, stage, ct);
                status = stage.Stage ?? ModelStatus.Loaded;
            }

            return status == ModelStatus.Sleeping
                ? ("sleeping", $"{model} on {host.Name} is resident (sleeping; the next request wakes it)", null)
                : ("loaded", null, context.TimeProvider.GetElapsedTime(started).TotalSeconds);
        }, cancellationToken);
        return ReportResults(context, results, board);
    }
}
