namespace Agon.Hosts;

/// <summary>Everything a host tells about one model (<c>show modelinfo</c>, <c>list modelparameters</c>).</summary>
internal sealed record ModelDetails
{
    public required ModelInfo Model { get; init; }

    /// <summary>Default sampling parameters as the host states them (Ollama Modelfile <c>PARAMETER</c>s, llama.cpp preset keys).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>
    /// The model's default sampling parameters under their request names, when <see cref="Parameters"/> holds more
    /// than those (a llama.cpp router's preset also carries server arguments such as <c>ctx-size</c>); null when
    /// <see cref="Parameters"/> are all sampling parameters.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? SamplingDefaults { get; init; }

    public string? Template { get; init; }

    public string? SystemPrompt { get; init; }

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public string? Architecture { get; init; }
}
