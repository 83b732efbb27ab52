using Microsoft.Extensions.AI;

namespace Agon.Hosts;

/// <summary>What every backend adapter answers to <c>GetService</c>: its <see cref="ChatClientMetadata"/>, and itself.</summary>
internal static class BackendServices
{
    public static object? Get(IChatClient client, string provider, Uri? url, string model, Type serviceType, object? serviceKey) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(provider, url, model)
        : serviceType.IsInstanceOfType(client) ? client
        : null;
}
