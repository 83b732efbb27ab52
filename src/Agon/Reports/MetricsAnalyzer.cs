using System.Globalization;
using Agon.Benchmarks;
using Agon.Storage;

namespace Agon.Reports;

/// <summary>
/// Reads the stored responses once (streaming) and sums them up per (host, model): the latest benchmark's
/// figures (or, without benchmarks, every response's), the history of benchmarks with regressions flagged,
/// accuracy where it was measured, and the Pareto front of accuracy against generation speed.
/// </summary>
internal static class MetricsAnalyzer
{
    /// <summary>The latest benchmark is a regression when it is this much slower than the median of the earlier ones.</summary>
    public const double RegressionShare = 0.15;

    /// <summary>The history of a target shows (and the regression compares against) its latest benchmarks only.</summary>
    public const int HistoryLength = 50;

    /// <summary>The stored phase of accuracy answers from <c>accuracy --rag</c>'s two passes.</summary>
    public const string RagOffPhase = "rag-off";

    public const string RagOnPhase = "rag-on";

    public static MetricsAnalysis Analyze(ResponseStore store, ResponseFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<(string Host, string Model), Accumulator>();
        long rows = 0;
        foreach (var record in store.ReadForAnalysis(filter, cancellationToken))
        {
            rows++;
            var key = (record.Host, record.Model);
            if (!targets.TryGetValue(key, out var target))
            {
                targets[key] = target = new Accumulator();
            }

            target.Add(record);
        }

        var benchmarks = store.ReadBenchmarks(filter);
        var summaries = targets.Select(t => t.Value.Summarise(t.Key.Host, t.Key.Model)).ToList();
        var front = ParetoFront(summaries);
        summaries = summaries
            .Select(s => front.Contains(s.Label) ? s with { OnParetoFront = true } : s)
            .OrderBy(s => s.Host, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Model, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new MetricsAnalysis
        {
            Generated = now,
            AgonVersion = Agon.AgonVersion.Current,
            Since = filter.Since,
            Hosts = filter.Hosts,
            Models = filter.Models,
            Rows = rows,
            Benchmarks = benchmarks.Count,
            Targets = summaries,
        };
    }

    /// <summary>Targets no other target beats on both accuracy and generation speed.</summary>
    private static HashSet<string> ParetoFront(List<TargetSummary> summaries)
    {
        var candidates = summaries.Where(s => s.Accuracy is not null && s.GenerationTokensPerSecond is not null).ToList();
        var front = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in candidates)
        {
            var dominated = candidates.Any(o => o != s
                && o.Accuracy >= s.Accuracy && o.GenerationTokensPerSecond!.Median >= s.GenerationTokensPerSecond!.Median
                && (o.Accuracy > s.Accuracy || o.GenerationTokensPerSecond.Median > s.GenerationTokensPerSecond.Median));
            if (!dominated)
            {
                front.Add(s.Label);
            }
        }

        return front;
    }

    private sealed class Accumulator
    {
        private readonly List<double> _generation = [];
        private readonly List<double> _prompt = [];
        private readonly List<double> _ttft = [];
        private readonly List<double> _load = [];
        private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
        private int _responses;
        private Share _accuracy;
        private Share _ragOff;
        private Share _ragOn;
        private Share _json;
        private Share _tools;
        private string _backend = "";
        private string? _quantization;

        public void Add(AnalysisRow record)
        {
            _responses++;
            _backend = record.Backend.Length > 0 ? record.Backend : _backend;
            _quantization = record.Quantization ?? _quantization;
            if (record.Correct is { } correct)
            {
                // Answers with retrieved context are their own figure: mixing them in was agon's mistake.
                if (record.Phase == RagOnPhase)
                {
                    _ragOn.Add(correct);
                }
                else
                {
                    _accuracy.Add(correct);
                    if (record.Phase == RagOffPhase)
                    {
                        _ragOff.Add(correct);
                    }
                }
            }

            if (record.JsonValid is { } valid)
            {
                _json.Add(valid);
            }

            if (record.ToolCallOk is { } called)
            {
                _tools.Add(called);
            }

            if (record.Failed)
            {
                return;
            }

            if (record.Kind == ResponseKind.Benchmark && record.RunId is { } id)
            {
                if (!_runs.TryGetValue(id, out var run))
                {
                    _runs[id] = run = new Run(record.Time);
                }

                if (record.Phase == BenchmarkPhase.Run)
                {
                    Add(run.Generation, record.GenerationTokensPerSecond);
                    Add(run.Prompt, record.PromptTokensPerSecond);
                    Add(run.Ttft, record.TtftMs);
                }
                else if (record.Phase == BenchmarkPhase.Cold)
                {
                    Add(run.Load, record.LoadMs);
                }

                return;
            }

            if (record.Kind == ResponseKind.Summary)
            {
                return;
            }

            Add(_generation, record.GenerationTokensPerSecond);
            Add(_prompt, record.PromptTokensPerSecond);
            Add(_ttft, record.TtftMs);
            if (record.LoadMs is > 0)
            {
                Add(_load, record.LoadMs);
            }
        }

        public TargetSummary Summarise(string host, string model)
        {
            var runs = _runs.Where(r => r.Value.Generation.Count > 0).OrderBy(r => r.Value.Started).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
            var history = runs.Skip(Math.Max(0, runs.Count - HistoryLength)).Select(r => new TrendPoint(r.Value.Started, r.Key, Math.Round(SampleStatistics.Of(r.Value.Generation)!.Median, 2))).ToList();
            var summary = new TargetSummary
            {
                Host = host,
                Model = model,
                Backend = _backend,
                Quantization = _quantization,
                Responses = _responses,
                BenchmarkCount = runs.Count,
                Accuracy = _accuracy.Rate,
                AccuracyAnswers = _accuracy.Count,
                AccuracyRagOff = _ragOn.Count > 0 ? _ragOff.Rate : null,
                AccuracyRagOn = _ragOn.Rate,
                RagOnAnswers = _ragOn.Count,
                JsonValidity = _json.Rate,
                JsonAnswers = _json.Count,
                ToolCallSuccess = _tools.Rate,
                ToolCallAnswers = _tools.Count,
                History = history,
                Regression = Regression(history),
            };
            if (runs.Count > 0)
            {
                var latest = runs[^1].Value;
                var load = _runs.Values.Where(r => r.Load.Count > 0).OrderBy(r => r.Started).LastOrDefault()?.Load ?? [];
                return summary with
                {
                    Basis = "benchmark",
                    GenerationTokensPerSecond = Spread.Of(latest.Generation),
                    PromptTokensPerSecond = Spread.Of(latest.Prompt),
                    TtftMs = Spread.Of(latest.Ttft),
                    LoadMs = Spread.Of(load),
                };
            }

            return summary with
            {
                GenerationTokensPerSecond = Spread.Of(_generation),
                PromptTokensPerSecond = Spread.Of(_prompt),
                TtftMs = Spread.Of(_ttft),
                LoadMs = Spread.Of(_load),
            };
        }

        private static string? Regression(List<TrendPoint> history)
        {
            if (history.Count < 2)
            {
                return null;
            }

            var latest = history[^1].GenerationTokensPerSecond;
            var baseline = SampleStatistics.Of(history.Take(history.Count - 1).Select(p => p.GenerationTokensPerSecond).ToList())!.Median;
            if (baseline <= 0 || latest >= (1 - RegressionShare) * baseline)
            {
                return null;
            }

            return string.Create(CultureInfo.InvariantCulture,
                $"latest {latest:0.#} tok/s is {(1 - (latest / baseline)) * 100:0} % below the median {baseline:0.#} tok/s of {history.Count - 1} earlier benchmark{(history.Count == 2 ? "" : "s")}");
        }

        private static void Add(List<double> list, double? value)
        {
            if (value is { } v)
            {
                list.Add(v);
            }
        }

        /// <summary>A count of yes/no outcomes and its rate (null with none).</summary>
        private struct Share
        {
            public int Count { get; private set; }

            public int Yes { get; private set; }

            public readonly double? Rate => Count > 0 ? Math.Round((double)Yes / Count, 4) : null;

            public void Add(bool yes)
            {
                Count++;
                Yes += yes ? 1 : 0;
            }
        }

        private sealed class Run(DateTimeOffset started)
        {
            public DateTimeOffset Started { get; } = started;

            public List<double> Generation { get; } = [];

            public List<double> Prompt { get; } = [];

            public List<double> Ttft { get; } = [];

            public List<double> Load { get; } = [];
        }
    }
}
