using System.CommandLine;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// <c>delete models</c> and <c>sync models</c>: compute the plan, print it, and act only with <c>--yes</c> or an
/// interactive "y". Without either in a non-interactive run, the plan is printed and the command exits 2.
/// <c>delete models HOST/MODEL…</c> plans the named models instead of everything not configured.
/// </summary>
internal sealed class PlanCommand : FleetCommand
{
    private readonly bool _pull;
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print the plan and change nothing" };
    private readonly Option<bool> _yes = new("--yes", "-y") { Description = "Carry out the plan without asking" };
    private readonly Argument<string[]> _models = new("MODEL") { Description = "Models to delete (host/model, or model with --host); default: every model a host has but is not configured for", Arity = ArgumentArity.ZeroOrMore };

    public PlanCommand(bool pull, string description)
        : base("models", description, json: false)
    {
        _pull = pull;
        Options.Add(_dryRun);
        Options.Add(_yes);
        if (!pull)
        {
            Arguments.Add(_models);
        }
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var named = _pull ? [] : context.ParseResult.GetValue(_models) ?? [];
        ModelPlan plan;
        int exitCode;
        if (named.Length > 0)
        {
            // Only the hosts of the named models are asked; an unrelated unreachable host is no error here.
            var targets = ModelTargets.Resolve(fleet, named, (context.ParseResult.GetValue(HostOption) ?? []).Length > 0);
            var inventories = await fleet.ForEachAsync(targets.Select(t => t.Host), HostInventory.ReadAsync, cancellationToken);
            exitCode = ReportErrors(context, inventories);
            plan = ModelPlan.ForNamed(inventories, targets);
        }
        else
        {
            var inventories = await fleet.ForEachAsync(HostInventory.ReadAsync, cancellationToken);
            exitCode = ReportErrors(context, inventories);
            plan = ModelPlan.Build(inventories, delete: true, pull: _pull);
        }

        foreach (var error in plan.Errors)
        {
            console.WriteError(error);
            exitCode = ExitCodes.Failed;
        }

        foreach (var note in plan.Notes)
        {
            console.WriteNote(note);
        }

        if (plan.IsEmpty)
        {
            console.WriteLine(named.Length > 0 ? "Nothing to delete."
                : fleet.Hosts.All(h => h.Config.Models.Count == 0) ? "Nothing to do: no host has configured models (a host's \"models\" list in the configuration)."
                : "Nothing to do: every host with configured models holds exactly those.");
            return exitCode;
        }

        console.WriteLine("Plan:", TextStyle.Bold);
        console.WriteLine(TextTable.Render(["ACTION", "HOST", "MODEL"],
            plan.Deletes.Select(d => (IReadOnlyList<string>)["delete", d.Host.Name, d.Model])
                .Concat(plan.Pulls.Select(p => (IReadOnlyList<string>)["pull", p.Host.Name, p.Model]))));
        if (context.ParseResult.GetValue(_dryRun))
        {
            return exitCode;
        }

        if (!context.ParseResult.GetValue(_yes))
        {
            if (!console.Capabilities.InteractiveInput)
            {
                console.WriteError("not carried out: re-run with --yes to carry out this plan (or --dry-run to only see it)");
                return ExitCodes.Usage;
            }

            if (!await console.ConfirmAsync("Carry out this plan?", cancellationToken))
            {
                console.WriteNote("nothing changed");
                return exitCode;
            }
        }

        using (var board = new ProgressBoard(console, context.TimeProvider))
        {
            var deleted = await TargetRunner.RunPerHostAsync(plan.Deletes, board, async (host, model, _, ct) =>
            {
                await host.DeleteAsync(model, ct);
                return ("deleted", null, null);
            }, cancellationToken);
            exitCode = Math.Max(exitCode, ReportResults(context, deleted, board));
        }

        if (plan.Pulls.Count > 0)
        {
            exitCode = Math.Max(exitCode, await PullModelsCommand.PullAsync(context, plan.Pulls, cancellationToken));
        }

        return exitCode;
    }
}
