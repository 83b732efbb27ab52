using System.CommandLine;
using Agon.Benchmarks;
using Agon.Chat;
using Agon.Configuration;
using Agon.Models;
using Agon.Storage;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// <c>agon benchmark</c>: cold load, warm-up and measured runs of fixed-shape prompts on every target (each host's
/// configured models, or <c>--target</c>), one request at a time per host, hosts in parallel; every response stored.
/// </summary>
internal sealed class BenchmarkCommand : FleetCommand
{
    private readonly Option<string[]> _targets = new("--target", "-t") { Description = "host/model to benchmark (repeatable; default: each selected host's configured models)", HelpName = "host/model", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<int?> _runs = WholeNumberOption.Create("--runs", "Measured runs per target (default 5, or benchmarkCount from the configuration)", "n", 1, 10_000);
    private readonly Option<int?> _pp = WholeNumberOption.Create("--pp", "Prompt length in tokens, measured with the server's tokenizer (default 512)", "tokens", 1, 1_000_000);
    private readonly Option<int?> _tg = WholeNumberOption.Create("--tg", "Tokens to generate per run (default 128)", "tokens", 1, 1_000_000);
    private readonly Option<int?> _warmup = WholeNumberOption.Create("--warmup", "Warm-up runs per target, not counted (default 1)", "n", 0, 100);
    private readonly Option<int?> _concurrency = WholeNumberOption.Create("--concurrency", "Requests at once per host during a run (default 1: strictly one at a time)", "k", 1, 64);
    private readonly Option<int?> _seed = WholeNumberOption.Create("--seed", "Sampling seed sent with every request (default 42)", "n", 0);
    private readonly Option<bool> _noCold = new("--no-cold") { Description = "Skip the cold load (unload, then time the load)" };
    private readonly Option<string> _db = new("--db") { Description = "The database to record in (default: AGON_DB, else $XDG_DATA_HOME/agon/agon.db)", HelpName = "file" };

    public BenchmarkCommand()
        : base("benchmark", "Benchmark models on their hosts: cold load, warm-up, N measured runs; every run recorded")
    {
        foreach (var option in new Option[] { _targets, _runs, _pp, _tg, _warmup, _concurrency, _seed, _noCold, _db })
        {
            Options.Add(option);
        }
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var config = context.Config;
        var given = parse.GetValue(_targets) ?? [];
        var targets = given.Length > 0
            ? ModelTargets.Resolve(fleet, given, (parse.GetValue(HostOption) ?? []).Length > 0)
            : fleet.Hosts.SelectMany(h => h.Config.Models.Select(m => (Host: h, Model: m))).ToList();
        if (targets.Count == 0)
        {
            throw AgonException.Usage("nothing to benchmark: the selected hosts have no configured models; name targets with --target host/model");
        }

        var options = new BenchmarkOptions
        {
            Runs = parse.GetValue(_runs) ?? (config.OriginOf(GlobalSettings.BenchmarkCount).Source != ValueSource.Default ? config.BenchmarkCount : 5),
            PromptTokens = parse.GetValue(_pp) ?? 512,
            GenerateTokens = parse.GetValue(_tg) ?? 128,
            Warmups = parse.GetValue(_warmup) ?? 1,
            Concurrency = parse.GetValue(_concurrency) ?? 1,
            Seed = parse.GetValue(_seed) ?? 42,
            Cold = !parse.GetValue(_noCold),
        };

        var path = DatabasePath.Resolve(context.Environment, parse.GetValue(_db));
        using var database = AgonDatabase.Open(path);
        var chatTargets = targets.Select(t => new ChatTarget(t.Host, t.Model)).ToList();
        IReadOnlyList<BenchmarkResult> results;
        using (var view = new BenchmarkProgressView(context.Console, context.TimeProvider, chatTargets.Select(t => t.Label)))
        {
            results = await new BenchmarkRunner(context.TimeProvider, new ResponseStore(database)).RunAsync(chatTargets, options, view, cancellationToken);
        }

        var cancelled = cancellationToken.IsCancellationRequested;
        var console = context.Console;
        if (console.JsonOutput)
        {
            console.WriteData(JsonText.Serialize(BenchmarkDocument.From(options, results, cancelled, path), BenchmarkJsonContext.Default.BenchmarkDocument));
        }
        else
        {
            console.WriteLine(BenchmarkTable.Render(results));
        }

        foreach (var result in results.Where(r => r.Error is not null))
        {
            console.WriteError(result.Error!);
        }

        console.WriteNote($"recorded in {path}");
        if (cancelled)
        {
            console.WriteNote("cancelled: the table shows what finished");
            return ExitCodes.Cancelled;
        }

        return results.Any(r => r.Error is not null || r.Runs.Any(x => x.Error is not null)) ? ExitCodes.Failed : ExitCodes.Success;
    }
}
