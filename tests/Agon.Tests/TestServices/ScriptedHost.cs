using System.Runtime.CompilerServices;
using Agon.Configuration;
using Agon.Hosts;
using Microsoft.Extensions.AI;

namespace Agon.Tests.TestServices;

/// <summary>
/// A host written inline (not recorded): each model answers by a script of text pieces; a piece that is
/// <see cref="Gate"/> waits until the test opens it, a piece that starts with "!" fails the answer with that message,
/// one that starts with "~" is reasoning. Every conversation sent is kept, per model, for assertions; a load reports
/// two progress steps.
/// </summary>
internal sealed class ScriptedHost(string name, params (string Model, string Status)[] models) : IModelHost
{
    public const string Gate = "\u0000gate";

    /// <summary>A script piece that ends the answer as a length stop (the token limit or a full context) instead of a normal one.</summary>
    public const string LengthStop = "\u0000length";

    public HostConfig Config { get; } = new() { Name = name, Type = HostType.LlamaCpp, Url = new Uri("http://10.0.0.9:8080"), Timeout = TimeSpan.FromSeconds(30) };

    public Dictionary<string, string[]> Scripts { get; } = [];

    public List<(string Model, List<ChatMessage> Messages)> Sent { get; } = [];

    public List<string> Loads { get; } = [];

    /// <summary>The chat options of every request, in order (parameters sent).</summary>
    public List<ChatOptions?> Options { get; } = [];

    /// <summary>Opens every <see cref="Gate"/> piece reached (and any reached later).</summary>
    public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int? MaxLoaded { get; init; }

    public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new HostInfo { Mode = MaxLoaded is null ? HostMode.Single : HostMode.Router, Capabilities = new() { MaxLoadedModels = MaxLoaded } });

    public Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ModelInfo>>([.. models.Select(m => new ModelInfo { Id = m.Model, Status = m.Status, SizeBytes = 1_000_000 })]);

    public Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        lock (Loads)
        {
            Loads.Add(model);
        }

        progress?.Report(new ModelProgress(model, "reading the file", 0.5));
        progress?.Report(new ModelProgress(model, "warming up", 1.0));
        return Task.CompletedTask;
    }

    public Task<string> StartLoadAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult(ModelStatus.Loading);

    public Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DeleteAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IChatClient GetChatClient(string model) => new Client(this, model);

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Client(ScriptedHost host, string model) : IChatClient
    {
        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                updates.Add(update);
            }

            return updates.ToChatResponse();
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            lock (host.Sent)
            {
                host.Sent.Add((model, messages.ToList()));
                host.Options.Add(options);
            }

            var finish = ChatFinishReason.Stop;
            foreach (var piece in host.Scripts.TryGetValue(model, out var script) ? script : ["ok"])
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (piece == LengthStop)
                {
                    finish = ChatFinishReason.Length;
                    continue;
                }

                if (piece == Gate)
                {
                    host.Waiting.TrySetResult();
                    await host.Opened.Task.WaitAsync(cancellationToken);
                    continue;
                }

                if (piece.StartsWith('!'))
                {
                    throw new AgonException($"host {host.Config.Name}: {piece[1..]}");
                }

                await Task.Yield();
                yield return piece.StartsWith('~')
                    ? new ChatResponseUpdate(ChatRole.Assistant, [new TextReasoningContent(piece[1..])])
                    : new ChatResponseUpdate(ChatRole.Assistant, piece);
            }

            yield return new ChatResponseUpdate { FinishReason = finish };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
