namespace Agon.Diagnostics;

/// <summary>Agon's log file: wire traffic and error details. Never the terminal.</summary>
internal interface IAgonLog
{
    /// <summary>Where the lines go, for "details in …" hints.</summary>
    string Path { get; }

    /// <summary>True when bodies (prompts, responses) may be written: <c>--debug</c>.</summary>
    bool IncludeBodies { get; }

    /// <summary>Appends one line (already redacted by the caller or redacted here).</summary>
    void Write(string line);
}
