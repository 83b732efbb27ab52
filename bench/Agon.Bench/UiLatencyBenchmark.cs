using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Interactive;
using Microsoft.Extensions.AI;

namespace Agon.Bench;

/// <summary>
/// The interactive chat's time from a token's arrival to its appearance on screen: the real screen (ChatScreen, its
/// 16 ms coalescing redraw, Terminal.Gui's ANSI driver and run loop) in compare mode, each pane fed by a timestamped
/// token source at a fixed rate (default 4 panes × 1,000 tokens/s for 5 s). A token "arrives" when the source hands
/// it to the chat engine; it "appears" at the end of the first layout-and-draw pass whose screen contents show it
/// (the driver writes that pass to the terminal next). Prints the median, p99 and maximum over every token.
/// </summary>
internal static partial class UiLatencyBenchmark
{
    public static int Run(int panes, int rate, int seconds)
    {
        var tokens = rate * seconds;
        var arrived = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var appeared = new Dictionary<string, long>(StringComparer.Ordinal);
        var host = new PacedHost(rate, tokens, arrived);
        using var session = new ChatSession(new ChatEngine(TimeProvider.System), new ChatRequest { Prompt = "", Mode = panes > 1 ? ChatMode.Compare : ChatMode.Single },
            [.. Enumerable.Range(0, panes).Select(i => new ChatTarget(host, "p" + i))]);
        var width = 40 * panes;
        var draws = 0;
        var overhead = 0.0;
        long started = 0;
        long redraws = 0;
        InteractiveChat.Run(session, new ChatScreenOptions("agon ui latency", new TargetCatalog([host])), TimeProvider.System, CancellationToken.None, (app, screen) =>
        {
            app.Driver!.SetScreenSize(width, 40);
            app.LayoutAndDrawComplete += (_, _) =>
            {
                var now = Stopwatch.GetTimestamp();
                draws++;
                foreach (Match m in Token().Matches(app.Driver.ToString() ?? ""))
                {
                    appeared.TryAdd(m.Value, now);
                }

                // Reading the screen back is the benchmark's own cost on the UI thread, reported apart.
                overhead += Stopwatch.GetElapsedTime(now).TotalMilliseconds;
            };
            app.AddTimeout(TimeSpan.FromMilliseconds(200), () =>
            {
                started = Stopwatch.GetTimestamp();
                _ = session.SendAsync("go");
                return false;
            });
            app.AddTimeout(TimeSpan.FromMilliseconds(250), () =>
            {
                if (started == 0 || session.Running || !session.Run.IsCompleted)
                {
                    return true;
                }

                redraws = screen.Redraws;
                // One more pass so the last tokens are drawn, then stop.
                app.AddTimeout(TimeSpan.FromMilliseconds(100), () =>
                {
                    app.RequestStop();
                    return false;
                });
                return false;
            });
        });

        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var latencies = arrived.Where(a => appeared.ContainsKey(a.Key)).Select(a => Stopwatch.GetElapsedTime(a.Value, appeared[a.Key]).TotalMilliseconds).Order().ToList();
        var missed = arrived.Count - latencies.Count;
        if (latencies.Count == 0)
        {
            Console.Error.WriteLine("no token reached the screen");
            return 1;
        }

        double At(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ui latency: {panes} pane(s) × {rate:N0} tokens/s × {seconds} s = {arrived.Count:N0} tokens in {wall:F1} s on a {width}×40 screen; {redraws} coalesced redraws, {draws} draw passes; reading each pass back cost {overhead / Math.Max(1, draws):F1} ms on the UI thread"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"arrival → on screen: median {At(0.5):F1} ms, p99 {At(0.99):F1} ms, max {latencies[^1]:F1} ms; {missed} token(s) never seen on screen"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[..3].Aggregate((a, b) => a + " " + b)}");
        return 0;
    }

    [GeneratedRegex(@"p\dk\d{6}")]
    private static partial Regex Token();

    /// <summary>A host whose models each stream <c>tokens</c> tokens ("p0k000123 ") at <c>rate</c> per second, stamping each as it is handed over.</summary>
    private sealed class PacedHost(int rate, int tokens, ConcurrentDictionary<string, long> arrived) : IModelHost
    {
        public HostConfig Config { get; } = new() { Name = "paced", Type = HostType.LlamaCpp, Url = new Uri("http://127.0.0.1:1/"), Timeout = TimeSpan.FromMinutes(1) };

        public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default) => Task.FromResult(new HostInfo { Mode = HostMode.Single });

        public Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ModelInfo>>([]);

        public Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<string> StartLoadAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult(ModelStatus.Loaded);

        public Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IChatClient GetChatClient(string model) => new PacedClient(model, rate, tokens, arrived);

        public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class PacedClient(string model, int rate, int tokens, ConcurrentDictionary<string, long> arrived) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < tokens; i++)
            {
                // Token i is due at i/rate seconds; a late timer hands over every token that is due at once.
                var due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due, cancellationToken);
                }

                var text = string.Create(CultureInfo.InvariantCulture, $"{model[1..]}k{i:D6}");
                arrived[$"p{text}"] = Stopwatch.GetTimestamp();
                yield return new ChatResponseUpdate(ChatRole.Assistant, "p" + text + " ");
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
