using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Agon.Mcp;

/// <summary>
/// <c>mcpParseTextCalls</c>: when a turn offers tools and the model's whole answer is a tool call written as text
/// (<see cref="TextToolCall"/>), the answer becomes that call, so the function-invoking client above runs it like any
/// other and the model gets the result. Streaming holds text back only while it could still be such a call.
/// </summary>
internal sealed class TextToolCallChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (options?.Tools is not { Count: > 0 } tools || response.Messages.Count == 0
            || response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any()
            || TextToolCall.Parse(response.Text, tools) is not { } call)
        {
            return response;
        }

        var last = response.Messages[^1];
        last.Contents = [.. last.Contents.Where(c => c is not TextContent), call];
        response.FinishReason = ChatFinishReason.ToolCalls;
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (options?.Tools is not { Count: > 0 } tools)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var held = new List<ChatResponseUpdate>();
        var text = new StringBuilder();
        var holding = true;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            if (!holding)
            {
                yield return update;
                continue;
            }

            held.Add(update);
            foreach (var content in update.Contents)
            {
                if (content is TextContent t)
                {
                    text.Append(t.Text);
                }
                else if (content is FunctionCallContent)
                {
                    // The backend sent a real call: nothing to parse.
                    holding = false;
                }
            }

            if (!holding || !TextToolCall.CouldBeCall(text.ToString()))
            {
                holding = false;
                foreach (var h in held)
                {
                    yield return h;
                }

                held.Clear();
            }
        }

        if (!holding)
        {
            yield break;
        }

        var call = TextToolCall.Parse(text.ToString(), tools);
        foreach (var h in held)
        {
            if (call is not null)
            {
                h.Contents = [.. h.Contents.Where(c => c is not TextContent)];
                if (h.FinishReason is not null)
                {
                    h.FinishReason = ChatFinishReason.ToolCalls;
                }
            }

            yield return h;
        }

        if (call is not null)
        {
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = [call], FinishReason = ChatFinishReason.ToolCalls };
        }
    }
}
