using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon.Configuration;

/// <summary>
/// One sampling parameter of a host's <c>parameters</c> block, as <see cref="SamplingParameters"/> defines it: its
/// key in the file, its shape, and its spelling on each backend (null where a backend does not take it).
/// </summary>
internal sealed record SamplingParameter
{
    private readonly Func<ModelParameters, object?> _get;
    private readonly Func<ModelParameters, JsonElement, string, ConfigDiagnostics, ModelParameters> _read;
    private readonly string? _completion;

    public SamplingParameter(string key, ConfigValueKind kind, Func<ModelParameters, object?> get, Func<ModelParameters, JsonElement, string, ConfigDiagnostics, ModelParameters> read)
    {
        Key = key;
        Kind = kind;
        _get = get;
        _read = read;
    }

    /// <summary>agon's snake_case key, the name Agon shows and passes on (<c>top_k</c>).</summary>
    public string Key { get; }

    /// <summary>Other spellings the file accepts for it (<c>num_predict</c> for <c>max_tokens</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public ConfigValueKind Kind { get; }

    /// <summary>The smallest value accepted, for whole-number parameters (null: no bound).</summary>
    public int? Minimum { get; init; }

    /// <summary>Its name in llama-server's <c>/v1/chat/completions</c> body; null: never sent to llama.cpp.</summary>
    public string? LlamaCpp { get; init; }

    /// <summary>Its name in llama-server's native <c>/completion</c> body (and in a router preset's sampling).</summary>
    public string? LlamaCppCompletion { get => _completion ?? LlamaCpp; init => _completion = value; }

    /// <summary>The llama-server command-line arguments that set it in a router preset (<c>temp</c>, <c>top-k</c>).</summary>
    public IReadOnlyList<string> LlamaServerArguments { get; init; } = [];

    /// <summary>Its name in Ollama's <c>options</c>.</summary>
    public string? Ollama { get; init; }

    /// <summary>The in-process sampler reads it (from <c>ChatOptions</c> or, under <see cref="Key"/>, its additional properties).</summary>
    public bool InProcess { get; init; }

    /// <summary>
    /// Reads its <c>ChatOptions</c> property where Microsoft.Extensions.AI has one (null when unset); null for a
    /// parameter that travels in <c>ChatOptions.AdditionalProperties</c> under <see cref="Key"/> instead.
    /// </summary>
    public Func<ChatOptions, object?>? FromChatOptions { get; init; }

    /// <summary>Microsoft.Extensions.AI has a <c>ChatOptions</c> property for it.</summary>
    public bool InChatOptions => FromChatOptions is not null;

    /// <summary>The key and its aliases, the aliases first.</summary>
    public IEnumerable<string> Spellings => Aliases.Append(Key);

    /// <summary>Whether <paramref name="name"/> is one of its spellings (case-insensitive, as the file is read).</summary>
    public bool IsSpelled(string name) => Spellings.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Its value in <paramref name="parameters"/> (a double, int, long or list of strings), or null when unset.</summary>
    public object? ValueIn(ModelParameters parameters) => _get(parameters);

    /// <summary>Reads it from the file into <paramref name="parameters"/>; a value of the wrong shape is an error and changes nothing.</summary>
    public ModelParameters Read(ModelParameters parameters, JsonElement value, string path, ConfigDiagnostics diagnostics) =>
        _read(parameters, value, path, diagnostics);

    public override string ToString() => Key;
}
