using System.CommandLine;
using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon pull models</c>: download models (default: configured models a host lacks), hosts in parallel.</summary>
internal sealed class PullModelsCommand : FleetCommand
{
    private readonly Argument<string[]> _models = new("MODEL") { Description = "Models to pull (host/model, or model with --host); default: configured models each host lacks", Arity = ArgumentArity.ZeroOrMore };

    public PullModelsCommand()
        : base("models", "Pull models (default: configured models a host is missing)")
    {
        Arguments.Add(_models);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var arguments = context.ParseResult.GetValue(_models) ?? [];
        var exitCode = ExitCodes.Success;
        IReadOnlyList<(IModelHost Host, string Model)> targets;
        if (arguments.Length > 0)
        {
            targets = ModelTargets.Resolve(fleet, arguments, (context.ParseResult.GetValue(HostOption) ?? []).Length > 0);
        }
        else
        {
            var inventories = await fleet.ForEachAsync((host, ct) => host.ListModelsAsync(ct), cancellationToken);
            exitCode = ReportErrors(context, inventories);
            targets = ModelPlan.Build(inventories, delete: false, pull: true).Pulls;
            if (targets.Count == 0)
            {
                context.Console.WriteNote("every configured model is already on its host");
                return Math.Max(exitCode, EmptyResults(context));
            }
        }

        return Math.Max(exitCode, await PullAsync(context, targets, cancellationToken));
    }

    internal static async Task<int> PullAsync(CommandContext context, IEnumerable<(IModelHost Host, string Model)> targets, CancellationToken cancellationToken)
    {
        using var board = new ProgressBoard(context.Console, context.TimeProvider);
        var results = await TargetRunner.RunPerHostAsync(targets, board, async (host, model, progress, ct) =>
        {
            var started = context.TimeProvider.GetTimestamp();
            await host.DownloadAsync(model, progress, ct);
            return ("pulled", null, context.TimeProvider.GetElapsedTime(started).TotalSeconds);
        }, cancellationToken);
        return TargetRunner.Report(context, results, board);
    }
}
