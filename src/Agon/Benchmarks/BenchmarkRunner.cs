using System.Globalization;
using System.Text.Json;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Metrics;
using Agon.Storage;

namespace Agon.Benchmarks;

/// <summary>
/// Benchmarks (host, model) targets: per target the environment, a cold load, warm-ups (discarded, and used to
/// calibrate the prompt where the host has no tokenizer), then the measured runs — strictly one request at a
/// time per host unless a concurrency is asked for, hosts in parallel. Every response is stored as it finishes,
/// so a cancelled or crashed benchmark keeps what it measured.
/// </summary>
internal sealed class BenchmarkRunner(TimeProvider timeProvider, ResponseStore? store)
{
    /// <summary>The figures whose spread makes a result unstable.</summary>
    private static readonly string[] s_stabilityFigures = ["ttftMs", "promptTokensPerSecond", "generationTokensPerSecond", "totalMs"];

    private readonly ChatEngine _engine = new(timeProvider);

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(
        IReadOnlyList<ChatTarget> targets, BenchmarkOptions options, IBenchmarkObserver observer, CancellationToken cancellationToken)
    {
        var results = new BenchmarkResult?[targets.Count];
        var perHost = targets.Select((target, index) => (target, index)).GroupBy(t => t.target.Host);
        await Task.WhenAll(perHost.Select(async group =>
        {
            foreach (var (target, index) in group)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                results[index] = await RunTargetAsync(target, options, observer, cancellationToken);
                observer.OnResult(results[index]!);
            }
        }));
        return results.OfType<BenchmarkResult>().ToList();
    }

    private async Task<BenchmarkResult> RunTargetAsync(ChatTarget target, BenchmarkOptions options, IBenchmarkObserver observer, CancellationToken cancellationToken)
    {
        var host = target.Host;
        var result = new BenchmarkResult
        {
            RunId = Guid.NewGuid().ToString("N"),
            Subject = new BenchmarkSubject { Host = host.Name, Model = target.Model },
            Started = timeProvider.GetUtcNow(),
        };
        var runs = new List<BenchmarkRun>();
        var reasons = new List<string>();
        var aggregate = new List<double>();
        try
        {
            observer.OnProgress(host.Name, target.Model, "environment", 0);
            var info = await host.GetInfoAsync(cancellationToken);
            result = WithModel(result with { Subject = result.Subject with { Backend = info.Mode, ServerBuild = info.Version, ModelsMax = info.Capabilities.MaxLoadedModels } },
                await FindAsync(host, target.Model, cancellationToken));
            store?.SaveBenchmark(RunRecord(result, options));

            if (options.Cold)
            {
                observer.OnProgress(host.Name, target.Model, "cold load", 0.05);
                var (load, note) = await ColdLoadAsync(host, target.Model, cancellationToken);
                if (note is not null)
                {
                    reasons.Add(note);
                }

                if (load is { } measured)
                {
                    result = WithModel(result with { Load = measured }, await FindAsync(host, target.Model, cancellationToken));
                    Store(result, BenchmarkPhase.Cold, new ResponseMetrics { LoadMs = measured }, null, null);
                }
            }

            observer.OnProgress(host.Name, target.Model, "prompt", 0.1);
            var support = host as IBenchmarkSupport;
            var prompt = support is not null
                ? await BenchmarkPrompt.MeasureAsync(support, target.Model, options.PromptTokens, cancellationToken)
                : BenchmarkPrompt.Estimate(options.PromptTokens);
            var parameters = Parameters(options, support);

            for (var w = 1; w <= options.Warmups; w++)
            {
                observer.OnProgress(host.Name, target.Model, options.Warmups == 1 ? "warm-up" : $"warm-up {w}/{options.Warmups}", 0.15);
                var warm = await AskAsync(target, prompt, parameters, cancellationToken);
                Store(result, BenchmarkPhase.Warmup, warm.Outcome.Metrics, warm.Outcome.Error, warm.Outcome.Parameters);
                if (!warm.Outcome.Failed && warm.Outcome.Metrics.PromptTokens is { } counted)
                {
                    prompt = prompt.Calibrate(options.PromptTokens, counted.Value);
                }
            }

            result = result with { PromptTokensMeasured = prompt.MeasuredTokens, PromptMeasuredBy = prompt.MeasuredBy };
            for (var round = 1; round <= options.Runs; round++)
            {
                observer.OnProgress(host.Name, target.Model, $"run {round}/{options.Runs}", 0.2 + (0.8 * (round - 1) / options.Runs));
                var started = timeProvider.GetTimestamp();
                var answers = await Task.WhenAll(Enumerable.Range(1, options.Concurrency).Select(_ => AskAsync(target, prompt, parameters, cancellationToken)));
                var wall = timeProvider.GetElapsedTime(started).TotalSeconds;
                var slot = 0;
                foreach (var (nonce, outcome) in answers)
                {
                    var run = new BenchmarkRun
                    {
                        Round = round,
                        Slot = ++slot,
                        Nonce = nonce,
                        Metrics = outcome.Metrics,
                        Error = outcome.Error,
                        Short = !outcome.Failed && outcome.Metrics.CompletionTokens is { } c && c.Value < BenchmarkOptions.ShortShare * options.GenerateTokens,
                        CacheHit = outcome.Metrics.CachedTokens is { Value: > 0 },
                    };
                    runs.Add(run);
                    Store(result, BenchmarkPhase.Run, outcome.Metrics, outcome.Error, outcome.Parameters);
                }

                if (options.Concurrency > 1 && wall > 0)
                {
                    aggregate.Add(answers.Sum(a => a.Outcome.Metrics.CompletionTokens?.Value ?? 0) / wall);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = result with { Cancelled = true };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = result with { Error = ex is AgonException ? ex.Message : $"{target.Label}: unexpected failure: {ex.Message}" };
        }

        result = Summarise(result, runs, reasons, aggregate);
        observer.OnProgress(host.Name, target.Model, result.Error is not null ? "failed" : result.Cancelled ? "cancelled" : result.Unstable ? "unstable" : "done", 1);
        try
        {
            store?.SaveBenchmark(RunRecord(result, options) with { Finished = timeProvider.GetUtcNow() });
        }
        catch (AgonException ex) when (result.Error is null)
        {
            result = result with { Error = ex.Message };
        }

        return result;
    }

    private async Task<(Metric? Load, string? Note)> ColdLoadAsync(IModelHost host, string model, CancellationToken cancellationToken)
    {
        if (await host.GetCapabilitiesAsync(cancellationToken) is { CanLoad: false } capabilities)
        {
            // A host that cannot unload (a single-model server) has no cold load to time.
            return (null, "no cold load: " + capabilities.Limitation);
        }

        try
        {
            await host.UnloadAsync(model, cancellationToken);
        }
        catch (HostException ex)
        {
            return (null, "no cold load: " + ex.Message);
        }

        var started = timeProvider.GetTimestamp();
        await host.LoadAsync(model, null, cancellationToken);
        return (Metric.Client(timeProvider.GetElapsedTime(started).TotalMilliseconds), null);
    }

    private async Task<(string Nonce, ChatOutcome Outcome)> AskAsync(ChatTarget target, BenchmarkPrompt prompt, IReadOnlyDictionary<string, JsonElement> parameters, CancellationToken cancellationToken)
    {
        var nonce = BenchmarkPrompt.NewNonce();
        var request = new ChatRequest { Prompt = prompt.For(nonce), System = "", Parameters = parameters, Stream = true };
        var outcomes = await _engine.RunAsync(request, [target], SilentChatObserver.Instance, cancellationToken);
        return (nonce, outcomes[0]);
    }

    private static Dictionary<string, JsonElement> Parameters(BenchmarkOptions options, IBenchmarkSupport? support)
    {
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            [SamplingParameters.Temperature.Key] = ChatParameters.Number(0),
            [SamplingParameters.Seed.Key] = ChatParameters.Number(options.Seed),
            [SamplingParameters.MaxTokens.Key] = ChatParameters.Number(options.GenerateTokens),
        };
        foreach (var (key, value) in support?.BenchmarkParameters ?? new Dictionary<string, JsonElement>())
        {
            parameters[key] = value;
        }

        return parameters;
    }

    private static async Task<ModelInfo?> FindAsync(IModelHost host, string model, CancellationToken cancellationToken)
    {
        try
        {
            return (await host.ListModelsAsync(cancellationToken)).FirstOrDefault(m => host.Matches(m, model));
        }
        catch (HostException)
        {
            return null;
        }
    }

    private static BenchmarkResult WithModel(BenchmarkResult result, ModelInfo? model) => model is null ? result : result with
    {
        Subject = result.Subject with
        {
            Quantization = model.Quantization ?? result.Subject.Quantization,
            SizeBytes = model.SizeBytes ?? result.Subject.SizeBytes,
            ContextLength = model.ContextLength ?? result.Subject.ContextLength,
        },
    };

    private static BenchmarkResult Summarise(BenchmarkResult result, List<BenchmarkRun> runs, List<string> reasons, List<double> aggregate)
    {
        var ok = runs.Where(r => r.Error is null).ToList();
        var figures = new List<BenchmarkFigure>();
        if (ok.Count > 0)
        {
            var names = ok[0].Metrics.All().Select(m => m.Name).Where(n => n != "loadMs");
            foreach (var name in names)
            {
                var values = ok.Select(r => r.Metrics.All().First(m => m.Name == name).Value).OfType<Metric>().ToList();
                if (SampleStatistics.Of(values.Select(v => v.Value).ToList()) is { } statistics)
                {
                    figures.Add(new BenchmarkFigure(name, values[0].Source, statistics));
                }
            }
        }

        var failed = runs.Count - ok.Count;
        if (failed > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{failed} of {runs.Count} runs failed: {runs.First(r => r.Error is not null).Error}"));
        }

        if (result.Error is not null)
        {
            reasons.Add("failed: " + result.Error);
        }

        foreach (var figure in figures.Where(f => s_stabilityFigures.Contains(f.Name) && f.Statistics.Cv > BenchmarkOptions.UnstableCv))
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{figure.Name} varies {figure.Statistics.Cv * 100:0.#} % (CV over 10 %)"));
        }

        var hits = ok.Count(r => r.CacheHit);
        if (hits > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{hits} runs reused cached prompt tokens (cache_n > 0)"));
        }

        return result with
        {
            Runs = runs,
            Figures = figures,
            Reasons = reasons,
            AggregateTokensPerSecond = SampleStatistics.Of(aggregate),
        };
    }

    private void Store(BenchmarkResult result, string phase, ResponseMetrics metrics, string? error, IReadOnlyDictionary<string, string>? parameters)
    {
        store?.Append(new ResponseRecord
        {
            Time = timeProvider.GetUtcNow(),
            Kind = ResponseKind.Benchmark,
            Host = result.Subject.Host,
            Backend = result.Subject.Backend,
            ServerBuild = result.Subject.ServerBuild,
            Model = result.Subject.Model,
            Quantization = result.Subject.Quantization,
            Metrics = metrics,
            Error = error,
            ParametersHash = parameters is null ? null : ResponseStore.HashParameters(parameters),
            RunId = result.RunId,
            Phase = phase,
        });
    }

    private static BenchmarkRunRecord RunRecord(BenchmarkResult result, BenchmarkOptions options) => new()
    {
        RunId = result.RunId,
        Started = result.Started,
        Subject = result.Subject,
        PromptTokens = options.PromptTokens,
        GenerateTokens = options.GenerateTokens,
        Runs = options.Runs,
        Concurrency = options.Concurrency,
        Unstable = result.Unstable,
        Cancelled = result.Cancelled,
    };
}
