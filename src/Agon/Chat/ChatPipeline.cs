using Agon.Hosts;
using Agon.Mcp;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Chat;

/// <summary>
/// The one place a chat client is composed: the host's backend adapter at the bottom, then the decorators every
/// feature gets. Adding a decorator (function invocation, logging, retries) is one <c>.UseX()</c> line here.
/// </summary>
internal sealed class ChatPipeline(TimeProvider timeProvider)
{
    /// <summary>The composed client for one model on one host; dispose it after the turn.</summary>
    public IChatClient Create(IModelHost host, string model, Mcp.McpToolInvoker? tools = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var builder = new ChatClientBuilder(host.GetChatClient(model));
        if (tools is not null)
        {
            // Outermost: each tool round is one measured request to the backend below.
            builder.UseFunctionInvocation(loggerFactory: null, configure: tools.Configure);
            if (tools.ParsesTextCalls)
            {
                // Below the loop: a call the model wrote as text becomes a real one before the loop looks.
                builder.UseTextToolCalls();
            }
        }

        // ChatClientBuilder wraps in reverse order of the calls: the first Use is the outermost decorator, the last
        // one sits right on the backend adapter. Measuring stays next to the adapter, so it times one request.
        return builder
            .UseMeasuring(timeProvider)
            .Build();
    }
}
