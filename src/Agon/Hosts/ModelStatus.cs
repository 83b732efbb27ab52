namespace Agon.Hosts;

/// <summary>
/// The status words Agon shows for a model. An open set: a status a newer server invents is shown as it is.
/// </summary>
internal static class ModelStatus
{
    public const string Loaded = "loaded";
    public const string Loading = "loading";
    public const string Unloaded = "unloaded";
    public const string Sleeping = "sleeping";
    public const string Downloading = "downloading";
    public const string Downloaded = "downloaded";

    /// <summary>The last process for the model exited non-zero (llama.cpp's <c>unloaded</c> + <c>failed</c>).</summary>
    public const string Failed = "failed";

    /// <summary>The host can serve the model but does not report whether it is in memory.</summary>
    public const string Available = "available";

    /// <summary>Configured for the host, but the host does not have it.</summary>
    public const string Missing = "missing";

    /// <summary>True for the states in which the model occupies memory (counts toward models-max).</summary>
    public static bool IsRunning(string status) => status is Loaded or Loading or Sleeping;
}
