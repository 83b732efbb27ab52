using Agon.Configuration;
using Agon.Hosts;
using Microsoft.Extensions.AI;

namespace Agon.Tests.TestServices;

/// <summary>A host (written, not recorded) whose one chat client is given; it says whether its models take tools as told.</summary>
internal sealed class ToolTestHost(IChatClient client, bool? supportsTools = null) : IModelHost
{
    public HostConfig Config { get; } = new() { Name = "lab", Type = HostType.LlamaCpp, Url = new Uri("http://127.0.0.1:8080/"), Timeout = TimeSpan.FromSeconds(30) };

    public Task<bool?> SupportsToolsAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult(supportsTools);

    public IChatClient GetChatClient(string model) => client;

    public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default) => Task.FromResult(new HostInfo { Mode = HostMode.Single });

    public Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<string> StartLoadAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DeleteAsync(string model, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
