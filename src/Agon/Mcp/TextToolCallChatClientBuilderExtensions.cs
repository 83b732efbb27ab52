using Microsoft.Extensions.AI;

namespace Agon.Mcp;

/// <summary>Adds <see cref="TextToolCallChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
internal static class TextToolCallChatClientBuilderExtensions
{
    /// <summary>Turns an answer that is only a tool call written as text into that call (<c>mcpParseTextCalls</c>).</summary>
    public static ChatClientBuilder UseTextToolCalls(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new TextToolCallChatClient(inner));
    }
}
