using System.Text.Json.Serialization;

namespace Agon.Configuration;

/// <summary>One configured host in <c>show config</c>; the API key only as <c>***</c> and where it came from.</summary>
internal sealed record HostReport
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public required string? Url { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public required string? Systemprompt { get; init; }

    /// <summary>The set parameters as JSON values, secret-looking ones masked.</summary>
    public required Dictionary<string, RawJson> Parameters { get; init; }

    public required string? ApiKey { get; init; }

    public required string? ApiKeySource { get; init; }

    public required long TimeoutSeconds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KeepAlive { get; init; }

    /// <summary>Model folders; in-process hosts only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ModelsDir { get; init; }

    /// <summary>Models kept loaded; in-process hosts only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ModelsMax { get; init; }

    /// <summary>"file", or "default" for the built-in host.</summary>
    public required string Source { get; init; }

    /// <summary>The URL, or the model folders of an in-process host (text view).</summary>
    [JsonIgnore]
    public string Location { get; init; } = "";

    /// <summary>The timeout in seconds as the text view shows it.</summary>
    [JsonIgnore]
    public string TimeoutText { get; init; } = "";
}
