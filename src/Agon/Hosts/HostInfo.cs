namespace Agon.Hosts;

/// <summary>What a host said about itself.</summary>
internal sealed record HostInfo
{
    /// <summary>One of <see cref="HostMode"/>.</summary>
    public required string Mode { get; init; }

    /// <summary>The server's version or build (llama.cpp <c>build_info</c>, Ollama version).</summary>
    public string? Version { get; init; }

    /// <summary>The time the detection request took.</summary>
    public TimeSpan RoundTrip { get; init; }

    /// <summary>What the host can do: load, pull, delete, report load state, its router limits (see <see cref="HostCapabilities"/>).</summary>
    public HostCapabilities Capabilities { get; init; } = new();

    public bool IsRouter => Mode == HostMode.Router;
}
