using System.Text.Json;
using Agon.Benchmarks;
using Agon.Chat;
using Agon.Configuration;
using Agon.Storage;
using Microsoft.Extensions.AI;

namespace Agon.Accuracy;

/// <summary>
/// Runs a suite on (host, model) targets through the chat engine: hosts in parallel, one request at a time per host,
/// and on a host one target after another with all its tests before the next (a router swaps each model in once,
/// as benchmarks do). The suite's system prompt replaces the host's. Each answer is scored, written to the results
/// file and the store as it finishes, so Ctrl+C keeps every finished record; a failed request is a record with its
/// error kind and the suite goes on.
/// </summary>
internal sealed class AccuracyRunner(TimeProvider timeProvider, ChatEngine engine, ResponseStore? store, AccuracyResultsWriter? writer,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    public async Task<IReadOnlyList<AccuracySummary>> RunAsync(
        IReadOnlyList<ChatTarget> targets, AccuracySuite suite, AccuracyOptions options, IAccuracyObserver observer, CancellationToken cancellationToken)
    {
        var summaries = new List<AccuracySummary>[targets.Count];
        await Task.WhenAll(targets.Select((target, index) => (target, index)).GroupBy(t => t.target.Host).Select(async group =>
        {
            foreach (var (target, index) in group)
            {
                summaries[index] = [];
                foreach (var pass in options.Passes)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }

                    summaries[index].Add(await RunTargetAsync(target, suite, options, pass, observer, cancellationToken));
                }
            }
        }));
        return [.. summaries.Where(s => s is not null).SelectMany(s => s)];
    }

    private async Task<AccuracySummary> RunTargetAsync(
        ChatTarget target, AccuracySuite suite, AccuracyOptions options, AccuracyPass pass, IAccuracyObserver observer, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N");
        var records = new List<AccuracyRecord>();
        var total = suite.Tests.Count * options.Runs;
        var cancelled = false;
        try
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                for (var t = 0; t < suite.Tests.Count; t++)
                {
                    var done = ((run - 1) * suite.Tests.Count) + t;
                    var step = (options.Runs > 1 ? $"run {run}/{options.Runs} · " : "") + $"test {t + 1}/{suite.Tests.Count}" + (pass.RagMode is { } m ? $" · rag {m}" : "");
                    observer.OnProgress(target.Label, step, (double)done / total);
                    var record = await AskAsync(target, suite, suite.Tests[t], run, options, pass, runId, cancellationToken);
                    records.Add(record);
                    writer?.Append(record);
                    Store(record);
                    observer.OnRecord(record);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        var summary = AccuracySummary.Of(target.Host.Name, target.Model, runId, pass.RagMode, records, cancelled);
        observer.OnSummary(summary);
        return summary;
    }

    private async Task<AccuracyRecord> AskAsync(
        ChatTarget target, AccuracySuite suite, AccuracyTest test, int run, AccuracyOptions options, AccuracyPass pass, string runId, CancellationToken cancellationToken)
    {
        AccuracyRetrieval? retrieval = pass.Retrieve is { } retrieve ? await retrieve(test, cancellationToken) : null;
        var prompt = retrieval?.Prompt ?? test.Prompt;
        var request = new ChatRequest
        {
            Prompt = prompt,
            // agon's RAG-on pass told the model, in the system prompt, to trust the CONTEXT.
            System = retrieval is null ? suite.SystemPrompt ?? "" : Rag.RagContextBlock.AugmentSystem(suite.SystemPrompt),
            Parameters = Parameters(options, run),
            Stream = options.Stream,
        };
        var time = timeProvider.GetUtcNow();
        var outcome = (await engine.RunAsync(request, [target], SilentChatObserver.Instance, cancellationToken))[0];
        var answer = new AccuracyAnswer { Text = outcome.Content, TotalMs = outcome.Metrics.TotalMs?.Value, ToolCalls = outcome.ToolCalls };
        var score = outcome.Failed ? AccuracyScore.Failed : await AccuracyScoring.ScoreAsync(test, answer, embedder, cancellationToken);
        return new AccuracyRecord
        {
            Time = time,
            RunId = runId,
            Host = target.Host.Name,
            Model = target.Model,
            Test = test,
            Run = run,
            Prompt = prompt,
            Response = outcome.Content,
            Reasoning = outcome.Reasoning,
            Score = score,
            Error = outcome.Error,
            ErrorKind = outcome.Failed ? outcome.ErrorKind ?? Hosts.HostFailure.Other : null,
            Metrics = outcome.Metrics,
            ToolCalls = outcome.ToolCalls,
            RagMode = pass.RagMode,
            Retrieval = retrieval,
            Timeout = target.Host.Config.Timeout,
        };
    }

    /// <summary>The <c>--param</c> overrides; with several runs, each run its own seed unless one is given (else every sample is the same).</summary>
    private static IReadOnlyDictionary<string, JsonElement> Parameters(AccuracyOptions options, int run)
    {
        var seed = SamplingParameters.Seed.Key;
        if (options.Runs == 1 || options.Parameters.ContainsKey(seed))
        {
            return options.Parameters;
        }

        var parameters = new Dictionary<string, JsonElement>(options.Parameters, StringComparer.Ordinal);
        parameters[seed] = ChatParameters.Number(run);
        return parameters;
    }

    private void Store(AccuracyRecord record) => store?.Append(new ResponseRecord
    {
        Time = record.Time,
        Kind = ResponseKind.Accuracy,
        Host = record.Host,
        Model = record.Model,
        Metrics = record.Metrics,
        Error = record.Error,
        RunId = record.RunId,
        Phase = record.RagMode is { } mode ? "rag-" + mode : null, // Reports.MetricsAnalyzer.RagOffPhase / RagOnPhase
        Correct = record.Error is null ? record.Score.Pass : false,
        JsonValid = record.JsonValid,
        ToolCallOk = record.ToolCallOk,
    });
}
