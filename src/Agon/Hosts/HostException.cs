using Agon.Terminal;

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
        new($"host {host}: {what} took longer than the timeout of {Figures.Duration(timeout)}");

    /// <summary>The host took the request but sent no answer (not even headers) within the timeout.</summary>
    public static HostException NoAnswer(string host, string request, TimeSpan timeout) =>
        new($"host {host} did not answer {request} within {Figures.Duration(timeout)}");

    public static HostException NotOnHost(string model, string host) =>
        new($"model {model} is not on host {host}");

    /// <summary>A file the server found in its models folder: the API cannot delete it.</summary>
    public static HostException FromModelsFolder(string model, string host) =>
        new($"model {model} on host {host} came from its models folder; delete the file on that machine");

    /// <summary>
    /// A single-model server answers any model name with its own model, so a wrong name is refused before sending.
    /// <paramref name="suggestion"/> is the name to type (the file name when the server names its model by a path).
    /// </summary>
    public static HostException ServesOnly(string host, string model, string suggestion) =>
        new($"host {host} serves only {model}; use {host}/{suggestion}");

    /// <summary>The server said the download finished but does not list the model (llama.cpp router without network).</summary>
    public static HostException DownloadNotListed(string model, string host, bool reportedFinished = true) =>
        new($"host {host} could not download {model} (the server "
            + (reportedFinished ? "reported a finished download but does not list the model" : "accepted the download but never listed the model")
            + ": check the server's network and the repository name)");

    /// <summary>
    /// A router whose --models-max places are all taken (loaded or sleeping) refuses a download with 500 "model limit
    /// reached, try again later" (router-80fb11a/06); waiting does not help, unloading does.
    /// </summary>
    public static HostException DownloadNeedsFreePlace(string model, string host, int? modelsMax) =>
        new($"host {host} could not start downloading {model}: "
            + (modelsMax is { } max ? $"it already runs its --models-max of {max} model{(max == 1 ? "" : "s")}" : "it already runs as many models as its --models-max allows")
            + $" (loaded or sleeping); unload one (agon unload models --host {host}) and pull again");

    public static HostException Server(string host, string? model, string message) =>
        new(string.IsNullOrEmpty(model) ? $"host {host}: {message}" : $"{model} on host {host}: {message}");

    public static HostException Refused(string host, string message) => new($"host {host}: {message}");

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
