namespace Agon.Hosts;

/// <summary>What a host said about itself.</summary>
internal sealed record HostInfo
{
    /// <summary>One of <see cref="HostMode"/>.</summary>
    public required string Mode { get; init; }

    /// <summary>The server's version or build (llama.cpp <c>build_info</c>, Ollama version).</summary>
    public string? Version { get; init; }

    /// <summary>How many models may be loaded at once (router <c>--models-max</c>; null = no limit known).</summary>
    public int? MaxLoadedModels { get; init; }

    /// <summary>Whether a request for a model that is not loaded loads it (router autoload).</summary>
    public bool? Autoload { get; init; }

    /// <summary>The time the detection request took.</summary>
    public TimeSpan RoundTrip { get; init; }

    /// <summary>False when loaded models live only as long as this process (the in-process engine).</summary>
    public bool LoadsOutliveTheRun { get; init; } = true;

    /// <summary>What the host can do: load, pull, delete, report load state (see <see cref="HostCapabilities"/>).</summary>
    public HostCapabilities Capabilities { get; init; } = new();

    public bool IsRouter => Mode == HostMode.Router;
}
