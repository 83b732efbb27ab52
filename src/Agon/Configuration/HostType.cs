namespace Agon.Configuration;

/// <summary>The kinds of host Agon talks to.</summary>
internal enum HostType
{
    /// <summary>llama.cpp's <c>llama-server</c>, in router or single-model mode.</summary>
    LlamaCpp,

    /// <summary>An Ollama server.</summary>
    Ollama,

    /// <summary>The in-process engine (LLamaSharp).</summary>
    Embedded,
}
