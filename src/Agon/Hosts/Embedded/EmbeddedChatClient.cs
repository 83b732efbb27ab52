using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Agon.Configuration;
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
        var calls = new List<AIContent>();
        ChatResponseUpdate? last = null;
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            text.Append(update.Text);
            calls.AddRange(update.Contents.OfType<FunctionCallContent>());
            last = update;
        }

        var message = new ChatMessage(ChatRole.Assistant, text.ToString());
        foreach (var call in calls)
        {
            message.Contents.Add(call);
        }

        var response = new ChatResponse(message)
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
        var raw = RawPrompt.IsRequested(options);
        var tools = raw ? null : EmbeddedToolMode.ToolsOf(options);
        var grammar = tools is null ? Grammar(options) : EmbeddedToolMode.Grammar(tools, options!);
        var (loaded, loadMs, release) = await host.LeaseAsync(model, cancellationToken);
        using (release)
        {
            var prompt = raw ? RawPrompt.Text(messages) : ChatPrompt.Render(loaded, tools is null ? messages : EmbeddedToolMode.Messages(messages, tools));
            var tokens = loaded.Weights.Tokenize(prompt, loaded.Weights.Vocab.ShouldAddBOS, true, Encoding.UTF8);
            var room = loaded.ContextSize - tokens.Length;
            if (room <= 0)
            {
                throw HostException.Server(host.Name, model, string.Create(CultureInfo.InvariantCulture,
                    $"prompt has {tokens.Length} tokens but the context holds {loaded.ContextSize}; shorten the prompt or raise contextSize"));
            }

            // -1 (or no limit) runs until the context is full.
            var maxTokens = options?.MaxOutputTokens is > 0 and var limit ? Math.Min(limit, room) : room;

            // The engine thread decodes and samples; text comes back through the channel. Continuations run inline on
            // the writer, so a reader that is waiting takes each piece without a thread hop.
            var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
            using var abandon = new CancellationTokenSource();
            var request = new Generation(loaded, tokens, maxTokens, options, grammar, pieces.Writer, cancellationToken, abandon.Token);
            var generation = EngineThread.Shared.RunAsync(() => Generate(request));
            var finished = false;
            var toolOutput = new StringBuilder();
            try
            {
                await foreach (var piece in pieces.Reader.ReadAllAsync(cancellationToken))
                {
                    if (tools is not null)
                    {
                        // Tool mode: the grammar's JSON is read whole, then handed on as a call or as the answer's text.
                        toolOutput.Append(piece);
                        continue;
                    }

                    yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ModelId = model };
                }

                finished = true;
            }
            finally
            {
                if (!finished)
                {
                    // The caller stopped reading or was cancelled: stop the engine and wait until it lets go of the model.
                    await abandon.CancelAsync();
                    await ((Task)generation).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }

            var (generated, finish, promptMs, generationMs) = await generation;
            if (tools is not null)
            {
                var content = EmbeddedToolMode.Parse(toolOutput.ToString());
                if (content is FunctionCallContent)
                {
                    finish = ChatFinishReason.ToolCalls;
                }

                yield return new ChatResponseUpdate(ChatRole.Assistant, [content]) { ModelId = model };
            }

            var final = new ChatResponseUpdate(ChatRole.Assistant, (string?)null)
            {
                ModelId = model,
                FinishReason = finish,
                AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = Metrics(tokens.Length, promptMs, generated, generationMs, loadMs) },
            };
            final.Contents.Add(new UsageContent(new UsageDetails { InputTokenCount = tokens.Length, OutputTokenCount = generated, TotalTokenCount = tokens.Length + generated }));
            yield return final;
        }
    }

    /// <summary>
    /// The generation itself, on the engine thread: the whole prompt in batches of n_batch, then one token per decode.
    /// Greedy requests take the arg-max of the logits; the rest go through llama.cpp's sampler chain. Compiled
    /// optimised from the start: it runs once per request, so tiering would leave its loop unoptimised for 30 requests.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Generated, ChatFinishReason Finish, double PromptMs, double GenerationMs) Generate(Generation request)
    {
        var (loaded, tokens, maxTokens, options, grammar, pieces, cancellationToken, abandon) = request;
        try
        {
            using var context = loaded.Weights.CreateContext(loaded.ContextParams());
            var vocab = loaded.Weights.Vocab;

            // llama.cpp's own performance counters are off in this build, so the engine times its decode calls itself.
            var promptStarted = timeProvider.GetTimestamp();
            var batch = new LLamaBatch();
            var batchSize = (int)context.BatchSize;
            for (var start = 0; start < tokens.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(batchSize, tokens.Length - start);
                batch.Clear();
                batch.AddRange(tokens.AsSpan(start, count), start, LLamaSeqId.Zero, start + count == tokens.Length);
                Decode(context, batch);
            }

            var promptMs = timeProvider.GetElapsedTime(promptStarted).TotalMilliseconds;
            var generationStarted = timeProvider.GetTimestamp();
            using var sampler = IsGreedy(options, grammar) ? null : Sampler(options, grammar);
            var decoder = new StreamingTokenDecoder(context);
            var stops = new StopSequences(options?.StopSequences?.Where(s => s.Length > 0).ToList() ?? []);
            var chars = new List<char>();
            var position = tokens.Length;
            var generated = 0;
            var finish = ChatFinishReason.Length;
            var ignoreEos = Flag(options?.AdditionalProperties, "ignore_eos");
            while (generated < maxTokens && !abandon.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var index = batch.TokenCount - 1;
                var token = sampler is null ? (LLamaToken)TensorPrimitives.IndexOfMax(context.NativeHandle.GetLogitsIth(index)) : sampler.Sample(context.NativeHandle, index);
                if (!ignoreEos && token.IsEndOfGeneration(vocab))
                {
                    finish = ChatFinishReason.Stop;
                    break;
                }

                generated++;
                decoder.Add(token);
                chars.Clear();
                decoder.Read(chars);
                var piece = stops.Push(chars.Count == 0 ? "" : new string(CollectionsMarshal.AsSpan(chars)));
                if (piece.Length > 0)
                {
                    pieces.TryWrite(piece);
                }

                if (stops.Stopped)
                {
                    finish = ChatFinishReason.Stop;
                    break;
                }

                // The last token is not decoded: nothing would read its logits (llama-server does the same).
                if (generated < maxTokens)
                {
                    batch.Clear();
                    batch.Add(token, position++, LLamaSeqId.Zero, true);
                    Decode(context, batch);
                }
            }

            if (stops.Flush() is { Length: > 0 } rest)
            {
                pieces.TryWrite(rest);
            }

            return (generated, finish, promptMs, timeProvider.GetElapsedTime(generationStarted).TotalMilliseconds);
        }
        finally
        {
            pieces.TryComplete();
        }
    }

    private sealed record Generation(
        LoadedModel Loaded, LLamaToken[] Tokens, int MaxTokens, ChatOptions? Options, string? Grammar,
        ChannelWriter<string> Pieces, CancellationToken CancellationToken, CancellationToken Abandon);

    public object? GetService(Type serviceType, object? serviceKey = null) => BackendServices.Get(this, "embedded", null, model, serviceType, serviceKey);

    public void Dispose()
    {
    }

    private void Decode(LLamaContext context, LLamaBatch batch)
    {
        var result = context.Decode(batch);
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

    /// <summary>
    /// Temperature 0 with nothing that reshapes the logits first is the arg-max, so it needs no sampler chain (which
    /// would sort the whole vocabulary per token to reach the same answer).
    /// </summary>
    private static bool IsGreedy(ChatOptions? options, string? grammar)
    {
        var extra = options?.AdditionalProperties;
        return options?.Temperature is <= 0f
            && grammar is null
            && (Number(extra, SamplingParameters.RepeatPenalty.Key) ?? 1) == 1
            && (options.PresencePenalty ?? 0) == 0
            && (options.FrequencyPenalty ?? 0) == 0;
    }

    private static DefaultSamplingPipeline Sampler(ChatOptions? options, string? grammar)
    {
        var extra = options?.AdditionalProperties;
        return new DefaultSamplingPipeline
        {
            Grammar = grammar is null ? null : new Grammar(grammar, "root"),
            Temperature = options?.Temperature ?? 0.8f,
            TopK = options?.TopK ?? 40,
            TopP = options?.TopP ?? 0.95f,
            MinP = Number(extra, SamplingParameters.MinP.Key) is { } minP ? (float)minP : 0.05f,
            TypicalP = Number(extra, SamplingParameters.TypicalP.Key) is { } typical ? (float)typical : 1f,
            RepeatPenalty = Number(extra, SamplingParameters.RepeatPenalty.Key) is { } repeat ? (float)repeat : 1f,
            PenaltyCount = Number(extra, SamplingParameters.RepeatLastN.Key) is { } lastN ? (int)lastN : 64,
            PresencePenalty = options?.PresencePenalty ?? 0f,
            FrequencyPenalty = options?.FrequencyPenalty ?? 0f,
            Seed = options?.Seed is { } seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
        };
    }

    /// <summary><c>ignore_eos</c> (benchmarks): keep generating past the end-of-generation token, as llama.cpp does.</summary>
    private static bool Flag(AdditionalPropertiesDictionary? extra, string key) =>
        extra?.TryGetValue(key, out var value) == true && value is true or JsonElement { ValueKind: JsonValueKind.True };

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
