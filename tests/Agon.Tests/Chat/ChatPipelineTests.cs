using Agon.Chat;
using Agon.Hosts.LlamaCpp;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Chat;

/// <summary>The one composed chat client: the backend adapter at the bottom, measuring on top of it.</summary>
public sealed class ChatPipelineTests
{
    [Fact]
    public async Task Create_WrapsTheHostsAdapterInTheMeasuringDecorator()
    {
        await using var host = LlamaCppTestHost.Create(new ThrowingHandler(new InvalidOperationException("no server")));

        using var client = new ChatPipeline(TimeProvider.System).Create(host, "stories260K");

        Assert.IsType<MeasuringChatClient>(client);
        Assert.NotNull(client.GetService<LlamaCppChatClient>());
    }
}
