namespace Agon.Hosts;

/// <summary>A host or model operation failed; the message is one line naming the host and model.</summary>
internal sealed class HostException : AgonException
{
    private HostException(string message, int exitCode = ExitCodes.Failed, Exception? inner = null)
        : base(message, exitCode, inner)
    {
    }

    /// <summary>The text the model had produced before the failure (streams), if any.</summary>
    public string? PartialText { get; private init; }

    public HostException WithPartialText(string? text) => new(Message, ExitCode, InnerException) { PartialText = text };

    public static HostException Unreachable(string host, Uri? url, Exception inner) =>
        new($"host {host} ({url}) is not reachable: {Describe(inner)}", inner: inner);

    public static HostException Unauthorized(string host) =>
        new($"host {host} rejected the API key (check apiKeyEnv or apiKeyFile)");

    public static HostException ModelNotFound(string model, string host, IEnumerable<string> known)
    {
        var list = known.ToList();
        var suffix = list.Count == 0 ? " (it has no models)" : $" (known: {string.Join(", ", list)})";
        return new($"model {model} not found on host {host}{suffix}");
    }

    public static HostException LoadFailed(string model, string host, int? exitCode) =>
        new($"model {model} failed to load on host {host}" + (exitCode is { } code ? $" (exit code {code})" : ""));

    public static HostException NotLoaded(string model, string host) =>
        new($"model {model} is not loaded on host {host} and the host does not load models on demand; run: agon load models {model} --host {host}");

    public static HostException SingleModel(string host) =>
        new($"host {host} runs a single model; start llama-server with --models-dir or --models-preset for router mode");

    public static HostException Crashed(string host, string model, bool midAnswer) =>
        new(midAnswer ? $"the model process for {model} on host {host} crashed mid-answer" : $"the model process for {model} on host {host} crashed");

    public static HostException StreamEndedEarly(string host, string model) =>
        new($"the answer from {model} on host {host} stream ended early (no end-of-stream marker)");

    public static HostException TimedOut(string host, string what, TimeSpan timeout) =>
        new($"host {host}: {what} took longer than the timeout of {Duration(timeout)}");

    public static HostException Server(string host, string? model, string message) =>
        new(model is null ? $"host {host}: {message}" : $"{model} on host {host}: {message}");

    public static HostException Refused(string host, string message) => new($"host {host}: {message}");

    private static string Duration(TimeSpan span) => span.TotalSeconds >= 1
        ? span.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s"
        : span.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms";

    private static string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message;
    }
}
