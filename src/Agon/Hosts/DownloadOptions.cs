namespace Agon.Hosts;

/// <summary>What a pull may add to a model name: an exact file of the repository and a token (Hugging Face).</summary>
internal sealed record DownloadOptions
{
    public static readonly DownloadOptions None = new();

    /// <summary><c>--hf-file PATH</c>: this file of the repository instead of the one the tag selects.</summary>
    public string? File { get; init; }

    /// <summary><c>--hf-token</c>; null means the host's own source (<c>HF_TOKEN</c>).</summary>
    public string? Token { get; init; }
}
