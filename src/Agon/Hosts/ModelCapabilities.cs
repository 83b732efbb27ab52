namespace Agon.Hosts;

/// <summary>What one model can do, from what its host lists (Ollama's <c>capabilities</c>, a GGUF header).</summary>
internal sealed record ModelCapabilities
{
    public bool Chat { get; init; }

    /// <summary>Continues a raw prompt without the chat template.</summary>
    public bool Completion { get; init; }

    public bool Embeddings { get; init; }

    /// <summary>Takes tool definitions and answers with tool calls; false also when the host does not say.</summary>
    public bool Tools { get; init; }

    /// <summary>Answers in JSON following a schema (a grammar or the server's <c>format</c>).</summary>
    public bool JsonSchema { get; init; }

    /// <summary>Thinks before answering (reasoning content); false also when the host does not say.</summary>
    public bool Reasoning { get; init; }

    /// <summary>
    /// Read from the host's list; a host that lists nothing is taken at its family's word: an encoder architecture
    /// only embeds, anything else writes text. A failed or missing model can do nothing.
    /// </summary>
    public static ModelCapabilities Of(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Status is ModelStatus.Failed or ModelStatus.Missing)
        {
            return new ModelCapabilities();
        }

        var listed = model.Capabilities;
        var generates = listed.Count == 0 ? !EncoderArchitectures.Contains(model.Family) : listed.Contains("completion");
        return new ModelCapabilities
        {
            Chat = generates,
            Completion = generates,
            Embeddings = listed.Count == 0 ? !generates : listed.Contains("embedding"),
            Tools = listed.Contains("tools"),
            JsonSchema = generates,
            Reasoning = listed.Contains("thinking"),
        };
    }
}
