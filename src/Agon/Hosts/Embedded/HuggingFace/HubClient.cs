using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// The two Hub REST calls llama.cpp makes (<c>api/models/{repo}/refs</c>, <c>…/tree/{commit}?recursive=true</c>) and
/// the file address (<c>{repo}/resolve/{commit}/{path}</c>). Unlike llama.cpp, HTTP failures are reported as they
/// are (401/403 gated, 404 no such repository, the hub unreachable) rather than turning into "no GGUF files".
/// </summary>
internal sealed class HubClient(HttpClient http, Uri endpoint, string? token, TimeProvider timeProvider)
{
    private static readonly TimeSpan s_apiTimeout = TimeSpan.FromSeconds(60);

    public Uri Endpoint { get; } = endpoint;

    /// <summary>The token as sent with file downloads (unchecked, as llama.cpp does).</summary>
    public string? Token { get; } = token;

    /// <summary>The branch (<c>main</c>, else the first valid one) and its commit.</summary>
    public async Task<(string Branch, string Commit)> GetCommitAsync(HubModelName name, CancellationToken cancellationToken)
    {
        var refs = await GetJsonAsync(name, $"api/models/{name.Repo}/refs", HubJsonContext.Default.HubRefs, cancellationToken);
        var branches = refs.Branches.Where(b => HubCacheLayout.IsSafeRef(b.Name) && HubCacheLayout.IsCommit(b.TargetCommit)).ToList();
        var branch = branches.FirstOrDefault(b => b.Name == "main") ?? branches.FirstOrDefault()
            ?? throw new AgonException($"{name.Repo}: the hub lists no branch with a valid commit");
        return (branch.Name!, branch.TargetCommit!);
    }

    /// <summary>Every file of the snapshot, in tree order; paths that would leave the snapshot folder are skipped.</summary>
    public async Task<IReadOnlyList<HubFile>> GetFilesAsync(HubModelName name, string commit, CancellationToken cancellationToken)
    {
        var tree = await GetJsonAsync(name, $"api/models/{name.Repo}/tree/{commit}?recursive=true", HubJsonContext.Default.ListHubTreeEntry, cancellationToken);
        return tree
            .Where(e => e.Type == "file" && HubCacheLayout.IsSafePath(e.Path))
            .Select(e => e.Lfs is { Oid: { Length: 64 } sha } lfs && IsHex(sha)
                ? new HubFile(e.Path!, sha, sha, lfs.Size)
                : e.Oid is { Length: 40 } oid && IsHex(oid) ? new HubFile(e.Path!, oid, null, e.Size) : null)
            .OfType<HubFile>()
            .ToList();
    }

    /// <summary>The download address of one file, pinned to the commit.</summary>
    public Uri FileUrl(HubModelName name, string commit, HubFile file) =>
        new(Endpoint, $"{name.Repo}/resolve/{commit}/{string.Join('/', file.Path.Split('/').Select(Uri.EscapeDataString))}");

    /// <summary>The message for a failed answer, the same for API calls and downloads.</summary>
    public static string Describe(HubModelName name, HttpStatusCode status, string? detail) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"{name.Repo}: private or gated repository: set HF_TOKEN (or pass --hf-token){Detail(detail)}",
        HttpStatusCode.NotFound => $"no such repository {name.Repo}{Detail(detail)}",
        _ => $"{name.Repo}: the hub answered {(int)status} {status}{Detail(detail)}",
    };

    /// <summary>The message for a hub that does not answer at all.</summary>
    public string Unreachable(Exception ex) =>
        $"cannot reach {Endpoint} ({Innermost(ex)}; working offline: models already in the cache still work)";

    private async Task<T> GetJsonAsync<T>(HubModelName name, string relative, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint, relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (Token is not null && HubToken.LooksValid(Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        using var timeout = new CancellationTokenSource(s_apiTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        byte[] body;
        HttpStatusCode status;
        try
        {
            using var response = await http.SendAsync(request, linked.Token);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgonException($"cannot reach {Endpoint} (no answer within {s_apiTimeout.TotalSeconds:0} s; working offline: models already in the cache still work)");
        }
        catch (HttpRequestException ex)
        {
            throw new AgonException(Unreachable(ex), innerException: ex);
        }

        if (status != HttpStatusCode.OK)
        {
            throw new AgonException(Describe(name, status, ErrorText(body)));
        }

        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new AgonException($"{name.Repo}: the hub's answer to {relative.Split('?')[0]} is not the expected JSON");
        }
    }

    private static string? ErrorText(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, HubJsonContext.Default.HubError)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Detail(string? detail) => string.IsNullOrWhiteSpace(detail) ? "" : $" (the hub says: {Terminal.ConsoleText.OneLine(detail)})";

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex is SocketException socket ? socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "host not found",
            _ => socket.Message,
        } : ex.Message;
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigitLower);
}
