namespace Agon.Hosts;

/// <summary>How a host serves models, as shown by <c>list hosts</c>.</summary>
internal static class HostMode
{
    public const string Router = "router";
    public const string Single = "single";
    public const string Ollama = "ollama";
    public const string Embedded = "embedded";
}
