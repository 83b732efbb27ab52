using System.Runtime.CompilerServices;
using System.Text;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// <see cref="IChatClient"/> over llama-server's <c>POST /v1/chat/completions</c>, streaming (SSE) and not
/// (<c>POST /completion</c> for a raw prompt, see <see cref="LlamaCppCompletion"/>).
/// Surfaces what OpenAI SDKs hide: <c>timings</c> as <see cref="ResponseMetrics"/>, <c>reasoning_content</c>,
/// mid-stream errors, and the router's sign of a crashed model process.
/// </summary>
internal sealed class LlamaCppChatClient(LlamaCppHost host, string model) : IChatClient
{
    private const string CompletionsPath = "v1/chat/completions";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (RawPrompt.IsRequested(options))
        {
            return await new LlamaCppCompletion(host, model).GetResponseAsync(messages, options, cancellationToken);
        }

        var readiness = await host.PrepareChatAsync(model, cancellationToken);
        var bytes = await host.PostForAnswerAsync(CompletionsPath, LlamaCppChatRequestWriter.Write(model, messages, options, stream: false), model, cancellationToken);
        var chunk = LlamaCppChatChunkParser.Parse(bytes);
        if (chunk.RawText is not null)
        {
            throw HostException.Server(host.Name, model, "the answer is not JSON: " + HostException.Excerpt(chunk.RawText));
        }

        if (chunk.Error is { } error)
        {
            throw HostException.Server(host.Name, model, error.Message ?? "unknown error");
        }

        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(chunk.ReasoningContent))
        {
            contents.Add(new TextReasoningContent(chunk.ReasoningContent));
        }

        if (!string.IsNullOrEmpty(chunk.Content))
        {
            contents.Add(new TextContent(chunk.Content));
        }

        if (chunk.ToolCalls is { Count: > 0 } calls)
        {
            var accumulator = new LlamaCppToolCallAccumulator();
            accumulator.Add(calls);
            contents.AddRange(accumulator.Build());
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = chunk.Model ?? model,
            ResponseId = chunk.Id,
            FinishReason = FinishReasons.From(chunk.FinishReason),
            Usage = Usage(chunk.Usage),
            AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = LlamaCppTimings.ToMetrics(chunk.Timings, chunk.Usage) with { LoadMs = readiness.LoadMs(chunk.Timings) } },
            RawRepresentation = chunk,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (RawPrompt.IsRequested(options))
        {
            await foreach (var raw in new LlamaCppCompletion(host, model).GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return raw;
            }

            yield break;
        }

        var readiness = await host.PrepareChatAsync(model, cancellationToken);
        var body = LlamaCppChatRequestWriter.Write(model, messages, options, stream: true);

        var state = new LlamaCppChatStreamState();
        await using var stream = await LlamaCppEventStream<LlamaCppChatChunk>.OpenAsync(host, model, CompletionsPath, body, (_, data) => LlamaCppChatChunkParser.Parse(data, state), cancellationToken);

        var text = new StringBuilder();
        var tools = new LlamaCppToolCallAccumulator();
        string? finishReason = null, responseId = null, modelId = null;
        LlamaCppChatUsage? usage = null;
        LlamaCppTimings? timings = null;
        var done = false;
        while (await stream.MoveNextAsync(text))
        {
            var chunk = stream.Current;
            if (chunk.IsDone)
            {
                done = true;
                break;
            }

            if (chunk.RawText is not null)
            {
                throw HostException.Server(host.Name, model, "the stream carried something that is not JSON: " + HostException.Excerpt(chunk.RawText)).WithPartialText(text.ToString());
            }

            if (chunk.Error is { } error)
            {
                throw HostException.Server(host.Name, model, error.Message ?? "the server reported an error mid-answer").WithPartialText(text.ToString());
            }

            // Stored only when a chunk says something new: most say none of these, and a store costs a write barrier.
            responseId ??= chunk.Id;
            modelId ??= chunk.Model;
            if (chunk.FinishReason is { } reason)
            {
                finishReason = reason;
            }

            if (chunk.Usage is { } chunkUsage)
            {
                usage = chunkUsage;
            }

            if (chunk.Timings is { } chunkTimings)
            {
                timings = chunkTimings;
            }

            if (chunk.ToolCalls is { } calls)
            {
                tools.Add(calls);
            }

            var hasReasoning = !string.IsNullOrEmpty(chunk.ReasoningContent);
            var hasText = !string.IsNullOrEmpty(chunk.Content);
            if (!hasReasoning && !hasText)
            {
                continue;
            }

            // One list sized for what this chunk carries (most carry one piece of text).
            var contents = new List<AIContent>(hasReasoning && hasText ? 2 : 1);
            if (hasReasoning)
            {
                contents.Add(new TextReasoningContent(chunk.ReasoningContent));
            }

            if (hasText)
            {
                text.Append(chunk.Content);
                contents.Add(new TextContent(chunk.Content));
            }

            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = responseId, ModelId = modelId ?? model, Contents = contents };
        }

        if (!done)
        {
            throw stream.Ended(text);
        }

        var final = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ResponseId = responseId,
            ModelId = modelId ?? model,
            FinishReason = FinishReasons.From(finishReason),
            AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = LlamaCppTimings.ToMetrics(timings, usage) with { LoadMs = readiness.LoadMs(timings) } },
        };
        if (tools.HasCalls)
        {
            foreach (var call in tools.Build())
            {
                final.Contents.Add(call);
            }
        }

        if (Usage(usage) is { } details)
        {
            final.Contents.Add(new UsageContent(details));
        }

        yield return final;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => BackendServices.Get(this, "llama.cpp", host.Config.Url, model, serviceType, serviceKey);

    public void Dispose()
    {
    }

    private static UsageDetails? Usage(LlamaCppChatUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.CachedTokens,
    };

}
