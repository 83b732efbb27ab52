using System.Text.Json;

namespace Agon.Hosts.Ollama;

/// <summary>
/// <c>POST /api/show</c>: the Modelfile parameters as text, the template, the system prompt, the capabilities, and
/// <c>model_info</c> keyed by GGUF metadata names (<c>general.architecture</c>, <c>&lt;arch&gt;.context_length</c>).
/// </summary>
internal sealed record OllamaShow(string? Parameters, string? Template, string? System, IReadOnlyList<string>? Capabilities, Dictionary<string, JsonElement>? ModelInfo)
{
    public string? Architecture => Info("general.architecture") is { ValueKind: JsonValueKind.String } a ? a.GetString() : null;

    public int? TrainedContext => Architecture is { } architecture
        && Info(architecture + ".context_length") is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var length) ? length : null;

    private JsonElement? Info(string key) => ModelInfo is { } info && info.TryGetValue(key, out var value) ? value : null;
}
