using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Microsoft.Extensions.AI;

namespace Agon.Bench;

/// <summary>
/// The chat engine's own overhead against a backend that answers instantly: client-side TTFT (request start to the
/// first delta through the engine, observer included) and the cost per streamed chunk.
/// </summary>
internal static class ChatEngineBenchmark
{
    public static async Task<int> RunAsync(int chunks, int runs)
    {
        var host = new InstantHost(chunks);
        var engine = new ChatEngine(TimeProvider.System);
        var target = new ChatTarget(host, "instant");
        var request = new ChatRequest { Prompt = "hello" };
        var ttfts = new List<double>();
        var perChunk = new List<double>();
        for (var run = 0; run < runs + 3; run++)
        {
            var observer = new FirstDeltaObserver();
            var watch = Stopwatch.StartNew();
            var outcomes = await engine.RunAsync(request, [target], observer, CancellationToken.None);
            var total = watch.Elapsed.TotalMilliseconds;
            if (run < 3)
            {
                continue;
            }

            ttfts.Add(observer.FirstDeltaMs);
            perChunk.Add(total * 1000 / chunks);
            if (outcomes[0].Content.Length != chunks)
            {
                throw new InvalidOperationException("lost chunks");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine TTFT (request start → first delta at the observer): median {StartupBenchmark.Median(ttfts):F3} ms, max {ttfts.Max():F3} ms over {runs} runs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine cost per chunk ({chunks:N0} chunks, metrics decorator + events + text assembly): median {StartupBenchmark.Median(perChunk):F3} µs"));
        return 0;
    }

    private sealed class FirstDeltaObserver : IChatObserver
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _first;

        public double FirstDeltaMs => (_first - _started) * 1000.0 / Stopwatch.Frequency;

        public void OnEvent(ChatEvent chatEvent)
        {
            if (chatEvent.Kind == ChatEventKind.Delta && _first == 0)
            {
                _first = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>A host whose model answers at once with N one-character chunks.</summary>
    private sealed class InstantHost(int chunks) : IModelHost
    {
        public HostConfig Config { get; } = new() { Name = "instant", Type = HostType.LlamaCpp, Url = new Uri("http://127.0.0.1:1/"), Timeout = TimeSpan.FromMinutes(1) };

        public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default) => Task.FromResult(new HostInfo { Mode = HostMode.Single });

        public Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<string> StartLoadAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult(ModelStatus.Loaded);

        public Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IChatClient GetChatClient(string model) => new InstantClient(chunks);

        public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class InstantClient(int chunks) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            for (var i = 0; i < chunks; i++)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, "x");
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
