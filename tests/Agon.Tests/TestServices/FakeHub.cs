using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Agon.Tests.TestServices;

/// <summary>
/// A Hugging Face hub on 127.0.0.1, WRITTEN from ../shared/reference/huggingface.md (§2, §3, §8), not recorded: no
/// real hub is reachable here. It serves <c>GET api/models/{repo}/refs</c>, <c>GET api/models/{repo}/tree/{commit}</c>
/// and <c>HEAD/GET {repo}/resolve/{commit}/{path}</c> (Content-Length, Accept-Ranges, ETag, <c>Range</c> → 206),
/// optionally redirecting downloads to <c>/cdn/{oid}</c>, with scripted failures: drop the connection after N bytes,
/// ignore ranges, answer a range with 200, serve wrong bytes, stall until released. Every request is recorded.
/// </summary>
internal sealed class FakeHub : LoopbackTcpServer
{
    private readonly ConcurrentQueue<FakeHubRequest> _requests = new();
    private int _drops;
    private int _rangeAs200;

    public FakeHub()
    {
        Start();
    }

    public Dictionary<string, FakeHubRepo> Repos { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<FakeHubRequest> Requests => [.. _requests];

    /// <summary>Downloads answer with a 302 to <c>/cdn/{oid}</c>, which needs no token.</summary>
    public bool RedirectToCdn { get; set; }

    /// <summary>False: <c>Accept-Ranges: none</c> and every <c>Range</c> is ignored (whole file, 200).</summary>
    public bool Ranges { get; set; } = true;

    /// <summary>Downloads send wrong bytes of the right length (a hash mismatch).</summary>
    public bool Corrupt { get; set; }

    /// <summary>After this many body bytes a download stalls until <see cref="Release"/> (the cancel test).</summary>
    public int? StallAfter { get; set; }

    /// <summary>Completed when a download has stalled at <see cref="StallAfter"/> bytes.</summary>
    public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The body bytes a dropped download gets before the connection closes.</summary>
    public int DropAfter { get; set; } = 64 * 1024;

    public FakeHubRepo Repo(string repo, string commit)
    {
        var created = new FakeHubRepo(commit);
        Repos[repo] = created;
        return created;
    }

    /// <summary>The next <paramref name="count"/> downloads close the connection after <see cref="DropAfter"/> bytes.</summary>
    public void DropNext(int count) => Interlocked.Exchange(ref _drops, count);

    /// <summary>The next <paramref name="count"/> range requests get the whole file with 200 (while ranges are advertised).</summary>
    public void AnswerRangesWith200(int count) => Interlocked.Exchange(ref _rangeAs200, count);

    public int Count(string method, string pathPrefix) => Requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    protected override void OnStopping() => Release.TrySetResult();

    protected override async Task ServeAsync(TcpClient client)
    {
        client.NoDelay = true;
        var stream = client.GetStream();
        var reader = new HeaderReader(stream);
        try
        {
            while (await reader.ReadRequestAsync(Stopping) is { } request)
            {
                _requests.Enqueue(request);
                if (!await AnswerAsync(stream, request))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    /// <summary>Answers one request; false closes the connection.</summary>
    private async Task<bool> AnswerAsync(NetworkStream stream, FakeHubRequest request)
    {
        var path = Uri.UnescapeDataString(request.Path.Split('?')[0]);
        if (path.StartsWith("/api/models/", StringComparison.Ordinal))
        {
            return await ApiAsync(stream, request, path["/api/models/".Length..]);
        }

        if (path.StartsWith("/cdn/", StringComparison.Ordinal))
        {
            var oid = path["/cdn/".Length..];
            var file = Repos.Values.SelectMany(r => r.Files).FirstOrDefault(f => Oid(f) == oid);
            return file.Content is null ? await WriteAsync(stream, 404, "text/plain", "Entry not found"u8.ToArray()) : await FileAsync(stream, request, file);
        }

        var resolve = path.IndexOf("/resolve/", StringComparison.Ordinal);
        if (resolve > 0 && Repos.TryGetValue(path[1..resolve], out var repo))
        {
            if (!Authorized(repo, request))
            {
                return await WriteAsync(stream, 401, "application/json", """{"error":"Invalid credentials in Authorization header"}"""u8.ToArray());
            }

            var rest = path[(resolve + "/resolve/".Length)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var file = slash > 0 && rest[..slash] == repo.Commit ? repo.Files.FirstOrDefault(f => f.Path == rest[(slash + 1)..]) : default;
            if (file.Content is null)
            {
                return await WriteAsync(stream, 404, "text/plain", "Entry not found"u8.ToArray());
            }

            if (RedirectToCdn)
            {
                return await WriteAsync(stream, 302, "text/plain", [], $"Location: /cdn/{Oid(file)}\r\n");
            }

            return await FileAsync(stream, request, file);
        }

        return await WriteAsync(stream, 404, "application/json", """{"error":"Repository not found"}"""u8.ToArray());
    }

    private async Task<bool> ApiAsync(NetworkStream stream, FakeHubRequest request, string rest)
    {
        var parts = rest.Split('/');
        if (parts.Length < 3 || !Repos.TryGetValue($"{parts[0]}/{parts[1]}", out var repo))
        {
            return await WriteAsync(stream, 404, "application/json", """{"error":"Repository not found"}"""u8.ToArray());
        }

        if (!Authorized(repo, request))
        {
            return await WriteAsync(stream, 401, "application/json", """{"error":"Invalid credentials in Authorization header"}"""u8.ToArray());
        }

        if (parts[2] == "refs")
        {
            var refs = $$"""{"branches":[{"name":"main","ref":"refs/heads/main","targetCommit":"{{repo.Commit}}"}],"tags":[],"converts":[]}""";
            return await WriteAsync(stream, 200, "application/json", Encoding.UTF8.GetBytes(refs));
        }

        if (parts[2] == "tree" && parts.Length >= 4 && parts[3] == repo.Commit)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                foreach (var file in repo.Files)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "file");
                    json.WriteString("oid", FakeHubRepo.GitOid(file.Content));
                    json.WriteNumber("size", file.Content.Length);
                    json.WriteString("path", file.Path);
                    if (file.Lfs)
                    {
                        json.WriteStartObject("lfs");
                        json.WriteString("oid", FakeHubRepo.Sha256(file.Content));
                        json.WriteNumber("size", file.Content.Length);
                        json.WriteNumber("pointerSize", 134);
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                foreach (var dir in repo.Files.Select(f => f.Path).Where(p => p.Contains('/', StringComparison.Ordinal)).Select(p => p[..p.LastIndexOf('/')]).Distinct())
                {
                    json.WriteStartObject();
                    json.WriteString("type", "directory");
                    json.WriteString("oid", new string('d', 40));
                    json.WriteNumber("size", 0);
                    json.WriteString("path", dir);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            return await WriteAsync(stream, 200, "application/json", buffer.ToArray());
        }

        return await WriteAsync(stream, 404, "application/json", """{"error":"Invalid rev id"}"""u8.ToArray());
    }

    private async Task<bool> FileAsync(NetworkStream stream, FakeHubRequest request, (string Path, byte[] Content, bool Lfs) file)
    {
        var content = file.Content;
        if (Corrupt)
        {
            content = [.. content];
            content[^1] ^= 0xFF;
        }

        var etag = $"ETag: \"{Oid(file)}\"\r\n";
        var ranges = Ranges ? "Accept-Ranges: bytes\r\n" : "Accept-Ranges: none\r\n";
        if (request.Method == "HEAD")
        {
            await WriteHeadAsync(stream, 200, content.Length, ranges + etag);
            return true;
        }

        var start = 0L;
        var status = 200;
        if (Ranges && request.Range is { } range && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            if (Interlocked.Decrement(ref _rangeAs200) < 0)
            {
                Interlocked.Exchange(ref _rangeAs200, 0);
                start = long.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
                status = 206;
                if (start >= content.Length)
                {
                    return await WriteAsync(stream, 416, "text/plain", [], $"Content-Range: bytes */{content.Length}\r\n");
                }
            }
        }

        var extra = ranges + etag + (status == 206 ? $"Content-Range: bytes {start}-{content.Length - 1}/{content.Length}\r\n" : "");
        var body = content.AsMemory((int)start);
        await WriteHeadAsync(stream, status, body.Length, extra);
        if (Interlocked.Decrement(ref _drops) >= 0)
        {
            await stream.WriteAsync(body[..Math.Min(DropAfter, body.Length)]);
            return false;
        }

        Interlocked.Exchange(ref _drops, 0);
        if (StallAfter is { } stall && stall < body.Length)
        {
            await stream.WriteAsync(body[..stall]);
            await stream.FlushAsync();
            Stalled.TrySetResult();
            await Release.Task;
            return false;
        }

        await stream.WriteAsync(body);
        return true;
    }

    private static bool Authorized(FakeHubRepo repo, FakeHubRequest request) =>
        repo.RequiredToken is null || request.Authorization == "Bearer " + repo.RequiredToken;

    private static string Oid((string Path, byte[] Content, bool Lfs) file) => file.Lfs ? FakeHubRepo.Sha256(file.Content) : FakeHubRepo.GitOid(file.Content);

    private static async Task<bool> WriteAsync(NetworkStream stream, int status, string type, byte[] body, string extra = "")
    {
        await WriteHeadAsync(stream, status, body.Length, $"Content-Type: {type}\r\n{extra}");
        await stream.WriteAsync(body);
        return true;
    }

    private static Task WriteHeadAsync(NetworkStream stream, int status, long length, string extra)
    {
        var reason = status switch { 200 => "OK", 206 => "Partial Content", 302 => "Found", 401 => "Unauthorized", 404 => "Not Found", 416 => "Range Not Satisfiable", _ => "Status" };
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Length: {length}\r\n{extra}\r\n");
        return stream.WriteAsync(head).AsTask();
    }

    /// <summary>Reads request heads (no request bodies: the hub client sends none).</summary>
    private sealed class HeaderReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _count;

        public async Task<FakeHubRequest?> ReadRequestAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var end = _buffer.AsSpan(0, _count).IndexOf("\r\n\r\n"u8);
                if (end >= 0)
                {
                    var head = Encoding.ASCII.GetString(_buffer, 0, end);
                    Buffer.BlockCopy(_buffer, end + 4, _buffer, 0, _count - end - 4);
                    _count -= end + 4;
                    return Parse(head);
                }

                var read = await stream.ReadAsync(_buffer.AsMemory(_count), cancellationToken);
                if (read == 0)
                {
                    return null;
                }

                _count += read;
            }
        }

        private static FakeHubRequest Parse(string head)
        {
            var lines = head.Split("\r\n");
            var first = lines[0].Split(' ');
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            return new FakeHubRequest(first[0], first[1], headers.GetValueOrDefault("Authorization"), headers.GetValueOrDefault("Range"), headers.GetValueOrDefault("User-Agent"));
        }
    }
}
