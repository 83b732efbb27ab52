using System.Runtime.CompilerServices;
using System.Text;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// <c>--raw</c> on llama-server: native <c>POST /completion</c>, the prompt continued as written with no chat
/// template. Streams as SSE events ending with a <c>stop:true</c> event (no <c>[DONE]</c>), which carries
/// <c>timings</c>: the same metrics as a chat.
/// </summary>
internal sealed class LlamaCppCompletion(LlamaCppHost host, string model)
{
    private const string CompletionPath = "completion";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var readiness = await host.PrepareChatAsync(model, cancellationToken);
        var bytes = await host.PostForAnswerAsync(CompletionPath, LlamaCppChatRequestWriter.WriteCompletion(model, RawPrompt.Text(messages), options, stream: false), model, cancellationToken);
        var chunk = LlamaCppCompletionChunkParser.Parse(bytes);
        Check(chunk, partial: null);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, chunk.Content ?? ""))
        {
            ModelId = chunk.Model ?? model,
            FinishReason = FinishReasons.From(chunk.FinishReason),
            Usage = Usage(chunk),
            AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = Metrics(chunk, readiness) },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var readiness = await host.PrepareChatAsync(model, cancellationToken);
        var body = LlamaCppChatRequestWriter.WriteCompletion(model, RawPrompt.Text(messages), options, stream: true);

        await using var stream = await LlamaCppEventStream<LlamaCppCompletionChunk>.OpenAsync(
            host, model, CompletionPath, body, static (_, data) => LlamaCppCompletionChunkParser.Parse(data), cancellationToken);
        var text = new StringBuilder();
        while (await stream.MoveNextAsync(text))
        {
            var chunk = stream.Current;
            Check(chunk, text);
            var update = new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = chunk.Model ?? model };
            if (!string.IsNullOrEmpty(chunk.Content))
            {
                text.Append(chunk.Content);
                update.Contents.Add(new TextContent(chunk.Content));
            }

            if (chunk.Stop)
            {
                update.FinishReason = FinishReasons.From(chunk.FinishReason);
                update.AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = Metrics(chunk, readiness) };
                if (Usage(chunk) is { } usage)
                {
                    update.Contents.Add(new UsageContent(usage));
                }

                yield return update;
                yield break;
            }

            if (update.Contents.Count > 0)
            {
                yield return update;
            }
        }

        // The body ended before the stop:true event.
        throw stream.Ended(text);
    }

    private void Check(LlamaCppCompletionChunk chunk, StringBuilder? partial)
    {
        if (chunk.RawText is not null)
        {
            throw HostException.Server(host.Name, model, "the answer is not JSON: " + HostException.Excerpt(chunk.RawText))
                .WithPartialText(partial?.ToString() ?? "");
        }

        if (chunk.Error is { } error)
        {
            throw HostException.Server(host.Name, model, error.Message ?? "the server reported an error mid-answer").WithPartialText(partial?.ToString() ?? "");
        }
    }

    private static ResponseMetrics Metrics(LlamaCppCompletionChunk chunk, LlamaCppChatReadiness readiness) =>
        LlamaCppTimings.ToMetrics(chunk.Timings, new LlamaCppChatUsage(chunk.TokensEvaluated, chunk.TokensPredicted, chunk.TokensEvaluated + chunk.TokensPredicted, null)) with { LoadMs = readiness.LoadMs(chunk.Timings) };

    private static UsageDetails? Usage(LlamaCppCompletionChunk chunk) => chunk.TokensEvaluated is null && chunk.TokensPredicted is null ? null : new UsageDetails
    {
        InputTokenCount = chunk.TokensEvaluated,
        OutputTokenCount = chunk.TokensPredicted,
        TotalTokenCount = chunk.TokensEvaluated + chunk.TokensPredicted,
    };
}
