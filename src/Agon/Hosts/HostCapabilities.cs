namespace Agon.Hosts;

/// <summary>
/// What a host can do, as data, so features ask instead of trying and catching a refusal: the operations, and the
/// router limits (how many models it holds at once, autoload); what one model can do is <see cref="ModelCapabilities"/>.
/// </summary>
internal sealed record HostCapabilities
{
    /// <summary>Loads and unloads models through its API (a single-model llama-server cannot).</summary>
    public bool CanLoad { get; init; }

    /// <summary>Why the host cannot do what a false flag here says (load, pull, delete), one line naming the host; null when it can do all.</summary>
    public string? Limitation { get; init; }

    /// <summary>A load returns before the model is ready and is followed through the model's status (router).</summary>
    public bool LoadsAsynchronously { get; init; }

    /// <summary>Downloads models onto itself (<c>pull models</c>, <c>sync models</c>).</summary>
    public bool CanPull { get; init; }

    /// <summary>Deletes models from itself (<c>delete models</c>).</summary>
    public bool CanDelete { get; init; }

    /// <summary>Says for each model whether it is loaded.</summary>
    public bool ReportsLoadState { get; init; }

    /// <summary><c>chat --pull</c> pulls a target it lacks before the turn (the in-process host: pulls from Hugging Face).</summary>
    public bool PullsForChat { get; init; }

    /// <summary>How many models may be loaded at once (router <c>--models-max</c>; null = no limit known).</summary>
    public int? MaxLoadedModels { get; init; }

    /// <summary>Whether a request for a model that is not loaded loads it (router autoload); null = not known.</summary>
    public bool? Autoload { get; init; }

    /// <summary>False when loaded models live only as long as this process (the in-process engine).</summary>
    public bool LoadsOutliveTheRun { get; init; } = true;

    /// <summary>A host that can do nothing but chat with the model it serves.</summary>
    public static HostCapabilities ServesOneModel(string reason) => new() { Limitation = reason, ReportsLoadState = true, MaxLoadedModels = 1 };
}
