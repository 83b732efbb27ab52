using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Agon.Metrics;
using LLama;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Embedded;

/// <summary>
/// <see cref="IChatClient"/> over the in-process engine: the model's chat template (chatml when it has none), the
/// sampling parameters llama.cpp knows, JSON mode and schemas as GBNF grammars, stop sequences, and metrics from the
/// engine's own counts and timings.
/// </summary>
internal sealed class EmbeddedChatClient(EmbeddedHost host, string model, TimeProvider timeProvider) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        ChatResponseUpdate? last = null;
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            text.Append(update.Text);
            last = update;
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()))
        {
            ModelId = model,
            FinishReason = last?.FinishReason,
            AdditionalProperties = last?.AdditionalProperties,
        };
        if (last?.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
        {
            response.Usage = usage.Details;
        }

        return response;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var grammar = Grammar(options);
        var (loaded, loadMs, release) = await host.LeaseAsync(model, cancellationToken);
        using (release)
        {
            var prompt = RawPrompt.IsRequested(options) ? RawPrompt.Text(messages) : ChatPrompt.Render(loaded, messages);
            using var context = loaded.Weights.CreateContext(loaded.ContextParams());
            var tokens = context.Tokenize(prompt, addBos: loaded.Weights.Vocab.ShouldAddBOS, special: true);
            var room = (int)context.ContextSize - tokens.Length;
            if (room <= 0)
            {
                throw HostException.Server(host.Name, model, string.Create(CultureInfo.InvariantCulture,
                    $"prompt has {tokens.Length} tokens but the context holds {context.ContextSize}; shorten the prompt or raise contextSize"));
            }

            // -1 (or no limit) runs until the context is full.
            var maxTokens = options?.MaxOutputTokens is > 0 and var limit ? Math.Min(limit, room) : room;
            // llama.cpp's own performance counters are off in this build, so the engine times its decode calls itself.
            var promptStarted = timeProvider.GetTimestamp();
            var batch = new LLamaBatch();
            var batchSize = (int)context.BatchSize;
            for (var start = 0; start < tokens.Length; start += batchSize)
            {
                var count = Math.Min(batchSize, tokens.Length - start);
                batch.Clear();
                batch.AddRange(tokens.AsSpan(start, count), start, LLamaSeqId.Zero, start + count == tokens.Length);
                await Decode(context, batch, cancellationToken);
            }

            var promptMs = timeProvider.GetElapsedTime(promptStarted).TotalMilliseconds;
            var generationStarted = timeProvider.GetTimestamp();
            using var sampler = Sampler(options, grammar);
            var decoder = new StreamingTokenDecoder(context);
            var stops = new StopSequences(options?.StopSequences?.Where(s => s.Length > 0).ToList() ?? []);
            var chars = new List<char>();
            var position = tokens.Length;
            var generated = 0;
            var finish = ChatFinishReason.Length;
            while (generated < maxTokens)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var token = sampler.Sample(context.NativeHandle, batch.TokenCount - 1);
                if (token.IsEndOfGeneration(loaded.Weights.Vocab))
                {
                    finish = ChatFinishReason.Stop;
                    break;
                }

                generated++;
                decoder.Add(token);
                chars.Clear();
                decoder.Read(chars);
                var piece = stops.Push(new string(chars.ToArray()));
                if (piece.Length > 0)
                {
                    yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ModelId = model };
                }

                if (stops.Stopped)
                {
                    finish = ChatFinishReason.Stop;
                    break;
                }

                batch.Clear();
                batch.Add(token, position++, LLamaSeqId.Zero, true);
                await Decode(context, batch, cancellationToken);
            }

            var rest = stops.Flush();
            var generationMs = timeProvider.GetElapsedTime(generationStarted).TotalMilliseconds;
            var final = new ChatResponseUpdate(ChatRole.Assistant, rest.Length > 0 ? rest : null)
            {
                ModelId = model,
                FinishReason = finish,
                AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = Metrics(tokens.Length, promptMs, generated, generationMs, loadMs) },
            };
            final.Contents.Add(new UsageContent(new UsageDetails { InputTokenCount = tokens.Length, OutputTokenCount = generated, TotalTokenCount = tokens.Length + generated }));
            yield return final;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("embedded", null, model)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private async Task Decode(LLamaContext context, LLamaBatch batch, CancellationToken cancellationToken)
    {
        var result = await context.DecodeAsync(batch, cancellationToken);
        if (result != DecodeResult.Ok)
        {
            throw HostException.Server(host.Name, model, $"the engine could not decode ({result})");
        }
    }

    /// <summary>Engine figures: token counts from the engine, times of its prompt decode and of its generation loop.</summary>
    private static ResponseMetrics Metrics(int promptTokens, double promptMs, int generated, double generationMs, Metric loadMs) => new()
    {
        LoadMs = loadMs,
        PromptTokens = Metric.Server(promptTokens),
        PromptMs = Metric.Server(promptMs),
        PromptTokensPerSecond = promptMs > 0 ? Metric.Server(promptTokens * 1000.0 / promptMs) : null,
        CompletionTokens = Metric.Server(generated),
        GenerationMs = Metric.Server(generationMs),
        GenerationTokensPerSecond = generationMs > 0 && generated > 0 ? Metric.Server(generated * 1000.0 / generationMs) : null,
    };

    private static string? Grammar(ChatOptions? options) => options?.ResponseFormat switch
    {
        ChatResponseFormatJson { Schema: { } schema } => JsonGrammar.FromSchema(schema),
        ChatResponseFormatJson => JsonGrammar.AnyObject,
        _ => null,
    };

    private static DefaultSamplingPipeline Sampler(ChatOptions? options, string? grammar)
    {
        var extra = options?.AdditionalProperties;
        return new DefaultSamplingPipeline
        {
            Grammar = grammar is null ? null : new Grammar(grammar, "root"),
            Temperature = options?.Temperature ?? 0.8f,
            TopK = options?.TopK ?? 40,
            TopP = options?.TopP ?? 0.95f,
            MinP = Number(extra, "min_p") is { } minP ? (float)minP : 0.05f,
            TypicalP = Number(extra, "typical_p") is { } typical ? (float)typical : 1f,
            RepeatPenalty = Number(extra, "repeat_penalty") is { } repeat ? (float)repeat : 1f,
            PenaltyCount = Number(extra, "repeat_last_n") is { } lastN ? (int)lastN : 64,
            PresencePenalty = options?.PresencePenalty ?? 0f,
            FrequencyPenalty = options?.FrequencyPenalty ?? 0f,
            Seed = options?.Seed is { } seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
        };
    }

    private static double? Number(AdditionalPropertiesDictionary? extra, string key) =>
        extra?.TryGetValue(key, out var value) != true ? null : value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            _ => null,
        };
}
