using System.Runtime.CompilerServices;
using System.Text;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Ollama;

/// <summary>
/// <see cref="IChatClient"/> over Ollama's <c>POST /api/chat</c> (NDJSON streaming and not; <c>/api/generate</c> for a raw prompt). Unlike OllamaSharp it
/// raises mid-stream <c>{"error":…}</c> lines (with the text received so far), keeps error bodies, and has no
/// 100 s timeout: the host timeout bounds the wait for the first line only.
/// </summary>
internal sealed class OllamaChatClient(OllamaHost host, string model) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (path, body) = Request(messages, options, stream: false);
        using var timeout = new Deadline(host.Config.Timeout, host.TimeProvider, cancellationToken);
        try
        {
            using var response = await host.Http.SendAsync(HttpMethod.Post, path, HostHttp.Json(body), timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw await host.ErrorAsync(response.StatusCode, bytes, model, timeout.Token);
            }

            var chunk = OllamaChunk.Parse(Encoding.UTF8.GetString(bytes));
            if (chunk.Error is { } error)
            {
                throw HostException.Server(host.Name, model, error);
            }

            var contents = new List<AIContent>();
            if (!string.IsNullOrEmpty(chunk.Thinking))
            {
                contents.Add(new TextReasoningContent(chunk.Thinking));
            }

            if (!string.IsNullOrEmpty(chunk.Content))
            {
                contents.Add(new TextContent(chunk.Content));
            }

            contents.AddRange(chunk.ToolCalls);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
            {
                ModelId = chunk.Model ?? model,
                FinishReason = FinishReason(chunk.DoneReason, chunk.ToolCalls.Count > 0),
                Usage = Usage(chunk.Durations),
                AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = chunk.Durations?.ToMetrics() ?? new ResponseMetrics() },
                RawRepresentation = chunk,
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HostException.TimedOut(host.Name, $"the answer from {model}", host.Config.Timeout);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (path, body) = Request(messages, options, stream: true);
        using var silence = new StreamSilence(host.Config, host.TimeProvider, cancellationToken);
        using var response = await host.Http.SendAsync(HttpMethod.Post, path, HostHttp.Json(body), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            throw await host.ErrorAsync(response.StatusCode, bytes, model, cancellationToken);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var lines = NdjsonLines.ReadAsync(stream, silence.Token).GetAsyncEnumerator(silence.Token);
        var text = new StringBuilder();
        var calls = 0;
        while (true)
        {
            bool hasNext;
            try
            {
                hasNext = await lines.MoveNextAsync();
            }
            catch (OperationCanceledException ex) when (silence.IsSilence(ex))
            {
                throw silence.TimedOut(model, text);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw HostException.StreamEndedEarly(host.Name, model).WithPartialText(text.ToString());
            }

            if (!hasNext)
            {
                throw HostException.StreamEndedEarly(host.Name, model).WithPartialText(text.ToString());
            }

            silence.Counted();
            silence.Heard();

            var chunk = OllamaChunk.Parse(lines.Current);
            if (chunk.Error is { } error)
            {
                throw HostException.Server(host.Name, model, error).WithPartialText(text.ToString());
            }

            var update = new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = chunk.Model ?? model };
            if (!string.IsNullOrEmpty(chunk.Thinking))
            {
                update.Contents.Add(new TextReasoningContent(chunk.Thinking));
            }

            if (!string.IsNullOrEmpty(chunk.Content))
            {
                text.Append(chunk.Content);
                update.Contents.Add(new TextContent(chunk.Content));
            }

            calls += chunk.ToolCalls.Count;
            foreach (var call in chunk.ToolCalls)
            {
                update.Contents.Add(call);
            }

            if (chunk.Done)
            {
                update.FinishReason = FinishReason(chunk.DoneReason, calls > 0);
                update.AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = chunk.Durations?.ToMetrics() ?? new ResponseMetrics() };
                if (Usage(chunk.Durations) is { } usage)
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
    }

    /// <summary>A chat goes to <c>/api/chat</c>; a raw prompt (<c>--raw</c>) to <c>/api/generate</c> with <c>raw: true</c>, which answers in the same shape.</summary>
    private (string Path, byte[] Body) Request(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream) =>
        RawPrompt.IsRequested(options)
            ? ("api/generate", OllamaChatRequestWriter.WriteGenerate(model, RawPrompt.Text(messages), options, stream, host.Config.KeepAlive))
            : ("api/chat", OllamaChatRequestWriter.Write(model, messages, options, stream, host.Config.KeepAlive));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("ollama", host.Config.Url, model)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static ChatFinishReason? FinishReason(string? reason, bool toolCalls) => reason switch
    {
        _ when toolCalls => ChatFinishReason.ToolCalls,
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        _ => new ChatFinishReason(reason),
    };

    private static UsageDetails? Usage(OllamaDurations? durations) => durations is null ? null : new UsageDetails
    {
        InputTokenCount = durations.PromptEvalCount,
        OutputTokenCount = durations.EvalCount,
        TotalTokenCount = durations.PromptEvalCount + durations.EvalCount,
    };
}
