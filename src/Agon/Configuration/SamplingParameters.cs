using Microsoft.Extensions.AI;

namespace Agon.Configuration;

/// <summary>
/// The table of sampling parameters Agon knows, in the order it shows them: each entry names a parameter once, with
/// its spelling per backend. <see cref="ParametersReader"/>, <see cref="ParameterValues"/>, the llama.cpp and Ollama
/// request writers, the in-process sampler and the router preset mapping read it; adding a parameter is one entry
/// here plus its property on <see cref="ModelParameters"/>. Keys not in the table are passed to backends as written.
/// </summary>
internal static class SamplingParameters
{
    // Declared first: the entries below add themselves in the order they are written.
    private static readonly List<SamplingParameter> s_all = [];

    public static readonly SamplingParameter Temperature = Add(Everywhere(Number("temperature", p => p.Temperature, (p, v) => p with { Temperature = v }), "temp", "temperature") with
    {
        FromChatOptions = o => o.Temperature,
    });

    public static readonly SamplingParameter TopK = Add(Everywhere(Integer("top_k", p => p.TopK, (p, v) => p with { TopK = v }), "top-k") with
    {
        FromChatOptions = o => o.TopK,
    });

    public static readonly SamplingParameter TopP = Add(Everywhere(Number("top_p", p => p.TopP, (p, v) => p with { TopP = v }), "top-p") with
    {
        FromChatOptions = o => o.TopP,
    });

    public static readonly SamplingParameter MinP = Add(Everywhere(Number("min_p", p => p.MinP, (p, v) => p with { MinP = v }), "min-p"));

    public static readonly SamplingParameter TypicalP = Add(Everywhere(Number("typical_p", p => p.TypicalP, (p, v) => p with { TypicalP = v }), "typical"));

    public static readonly SamplingParameter RepeatLastN = Add(Everywhere(Integer("repeat_last_n", p => p.RepeatLastN, (p, v) => p with { RepeatLastN = v }), "repeat-last-n"));

    public static readonly SamplingParameter RepeatPenalty = Add(Everywhere(Number("repeat_penalty", p => p.RepeatPenalty, (p, v) => p with { RepeatPenalty = v }), "repeat-penalty"));

    public static readonly SamplingParameter PresencePenalty = Add(Everywhere(Number("presence_penalty", p => p.PresencePenalty, (p, v) => p with { PresencePenalty = v }), "presence-penalty") with
    {
        FromChatOptions = o => o.PresencePenalty,
    });

    public static readonly SamplingParameter FrequencyPenalty = Add(Everywhere(Number("frequency_penalty", p => p.FrequencyPenalty, (p, v) => p with { FrequencyPenalty = v }), "frequency-penalty") with
    {
        FromChatOptions = o => o.FrequencyPenalty,
    });

    public static readonly SamplingParameter Seed = Add(Everywhere(Long("seed", p => p.Seed, (p, v) => p with { Seed = v }), "seed") with
    {
        FromChatOptions = o => o.Seed,
    });

    /// <summary>The most tokens to generate: agon's <c>num_predict</c> or the OpenAI name <c>max_tokens</c> (both given: <c>num_predict</c> wins).</summary>
    public static readonly SamplingParameter MaxTokens = Add(Integer("max_tokens", p => p.MaxTokens, (p, v) => p with { MaxTokens = v }) with
    {
        Aliases = ["num_predict"],
        LlamaCpp = "max_tokens",
        LlamaCppCompletion = "n_predict",
        LlamaServerArguments = ["n-predict", "predict"],
        Ollama = "num_predict",
        InProcess = true,
        FromChatOptions = o => o.MaxOutputTokens,
    });

    public static readonly SamplingParameter Stop = Add(List("stop", p => p.Stop, (p, v) => p with { Stop = v }) with
    {
        LlamaCpp = "stop",
        Ollama = "stop",
        InProcess = true,
        FromChatOptions = o => o.StopSequences is { Count: > 0 } stop ? stop : null,
    });

    /// <summary>Ollama's context size; llama-server and the in-process engine size their context at load instead.</summary>
    public static readonly SamplingParameter NumCtx = Add(Integer("num_ctx", p => p.NumCtx, (p, v) => p with { NumCtx = v }, minimum: 1) with
    {
        Ollama = "num_ctx",
    });

    /// <summary>
    /// The parameters <paramref name="options"/> sets through its own properties, with their values, in table
    /// order: what a request writer sends besides <see cref="ChatOptions.AdditionalProperties"/>.
    /// </summary>
    public static IEnumerable<(SamplingParameter Parameter, object Value)> SetIn(ChatOptions options)
    {
        foreach (var parameter in s_all)
        {
            if (parameter.FromChatOptions?.Invoke(options) is { } value)
            {
                yield return (parameter, value);
            }
        }
    }

    /// <summary>Every known parameter, in table order.</summary>
    public static IReadOnlyList<SamplingParameter> All => s_all;

    /// <summary>Every spelling the file accepts, for the "did you mean" suggestions.</summary>
    public static IReadOnlyList<string> Spellings { get; } = [.. s_all.SelectMany(p => p.Spellings)];

    /// <summary>The parameter spelled <paramref name="name"/> (key or alias, case-insensitive), or null.</summary>
    public static SamplingParameter? Find(string name) => s_all.FirstOrDefault(p => p.IsSpelled(name));

    /// <summary>The parameter whose key is exactly <paramref name="key"/> (aliases not included), or null.</summary>
    public static SamplingParameter? WithKey(string key) => s_all.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));

    /// <summary>The parameter a llama-server command-line argument (a router preset's line) sets, or null.</summary>
    public static SamplingParameter? FromLlamaServerArgument(string argument) =>
        s_all.FirstOrDefault(p => p.LlamaServerArguments.Contains(argument, StringComparer.Ordinal));

    private static SamplingParameter Number(string key, Func<ModelParameters, double?> get, Func<ModelParameters, double, ModelParameters> set) =>
        new(key, ConfigValueKind.Number, p => get(p), (p, v, path, d) => d.TryNumber(v, path, out var n) ? set(p, n) : p);

    private static SamplingParameter Integer(string key, Func<ModelParameters, int?> get, Func<ModelParameters, int, ModelParameters> set, int? minimum = null) =>
        new(key, ConfigValueKind.Integer, p => get(p), (p, v, path, d) => d.TryInt32(v, path, out var n, minimum) ? set(p, n) : p) { Minimum = minimum };

    private static SamplingParameter Long(string key, Func<ModelParameters, long?> get, Func<ModelParameters, long, ModelParameters> set) =>
        new(key, ConfigValueKind.Integer, p => get(p), (p, v, path, d) => d.TryInteger(v, path, out var n) ? set(p, n) : p);

    private static SamplingParameter List(string key, Func<ModelParameters, IReadOnlyList<string>?> get, Func<ModelParameters, IReadOnlyList<string>, ModelParameters> set) =>
        new(key, ConfigValueKind.StringList, p => get(p), (p, v, path, d) => d.TryStringList(v, path, out var list, allowSingle: true) ? set(p, list) : p);

    /// <summary>
    /// A parameter every backend takes under its own key (llama.cpp, Ollama, the in-process sampler), which a router
    /// preset sets with <paramref name="llamaServerArguments"/>.
    /// </summary>
    private static SamplingParameter Everywhere(SamplingParameter parameter, params string[] llamaServerArguments) => parameter with
    {
        LlamaCpp = parameter.Key,
        Ollama = parameter.Key,
        InProcess = true,
        LlamaServerArguments = llamaServerArguments,
    };

    private static SamplingParameter Add(SamplingParameter parameter)
    {
        s_all.Add(parameter);
        return parameter;
    }
}
