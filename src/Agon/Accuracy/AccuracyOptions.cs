using System.Text.Json;

namespace Agon.Accuracy;

/// <summary>How a suite is run: how many times, streamed or not, with which parameters, and in which passes.</summary>
internal sealed record AccuracyOptions
{
    /// <summary>Times each test is asked per target (pass@1 over them, with its spread).</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Stream the answers (to get a client-measured TTFT); agon asked without streaming.</summary>
    public bool Stream { get; init; }

    /// <summary><c>--param</c> overrides, by agon's names; with several runs a <c>seed</c> per run is added unless one is given.</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; init; } = new Dictionary<string, JsonElement>();

    public IReadOnlyList<AccuracyPass> Passes { get; init; } = [AccuracyPass.Plain];
}
