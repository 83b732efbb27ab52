namespace Agon.Hosts;

/// <summary>The kinds of <see cref="HostException"/> a caller tells apart (accuracy records them per test).</summary>
internal static class HostFailure
{
    /// <summary>The host did not answer, or not fully, within its timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The host could not be reached or would not take the request (HTTP 4xx, unknown model, key rejected).</summary>
    public const string Refused = "refused";

    /// <summary>The host took the request and failed it (HTTP 5xx, a crash, a broken answer).</summary>
    public const string Server = "server";

    /// <summary>A failure that did not come from the host (a tool, a bug).</summary>
    public const string Other = "other";

    /// <summary>The kind of any failure of a request.</summary>
    public static string Of(Exception exception) => exception is HostException host ? host.Kind : Other;
}
