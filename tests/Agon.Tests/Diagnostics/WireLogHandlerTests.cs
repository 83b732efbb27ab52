using System.Net;
using System.Text;
using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Hosts;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Diagnostics;

/// <summary>The wire log: one line each way, byte counts, bodies only with --debug, credentials never.</summary>
public sealed class WireLogHandlerTests
{
    private const string Key = "sk-wire-9d8c7b6a5f4e";

    private sealed class RecordingLog(bool includeBodies) : IAgonLog
    {
        public List<string> Lines { get; } = [];

        public string Path => "memory";

        public bool IncludeBodies { get; } = includeBodies;

        public void Write(string line) => Lines.Add(SecretRedactor.Redact(line));
    }

    private sealed class EchoServer(string body, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    private static HostConfig Host() => new()
    {
        Name = "gpu",
        Type = HostType.LlamaCpp,
        Url = new Uri("http://127.0.0.1:8080/"),
        Timeout = TimeSpan.FromSeconds(30),
        ApiKey = Key,
    };

    private static async Task<List<string>> ExchangeAsync(bool debug, string requestBody, string responseBody)
    {
        SecretRegistry.Register(Key);
        var log = new RecordingLog(debug);
        var factory = new HostHttpClientFactory(log, new FakeTimeProvider(), _ => new EchoServer(responseBody));
        using var client = factory.Create(Host());
        using var content = new StringContent(requestBody, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("v1/chat/completions", content, TestContext.Current.CancellationToken);
        _ = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return log.Lines;
    }

    private sealed class OpenEndedServer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new OpenEndedStream(Encoding.UTF8.GetBytes(body))) });
    }

    private sealed class PiecewiseServer(string body, int piece) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new OpenEndedStream(Encoding.UTF8.GetBytes(body), piece)) });
    }

    /// <summary>Reads the body until <paramref name="stopAfter"/> has come (as a client stops at the last event), then closes it.</summary>
    private static async Task<string> StreamAsync(string body, string stopAfter, int? piece = null)
    {
        var log = new RecordingLog(includeBodies: false);
        var factory = new HostHttpClientFactory(log, new FakeTimeProvider(), _ => piece is { } size ? new PiecewiseServer(body, size) : new OpenEndedServer(body));
        using (var client = factory.Create(Host()))
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions"))
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken))
        {
            var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var seen = new StringBuilder();
            var buffer = new byte[4096];
            while (!seen.ToString().Contains(stopAfter, StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
                seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }

            await stream.DisposeAsync();
        }

        return log.Lines[^1];
    }

    [Theory]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"Once\"}}]}\n\ndata: [DONE]\n\n", "[DONE]\n\n")]
    [InlineData("{\"message\":{\"content\":\"Once\"},\"done\":false}\n{\"message\":{\"content\":\"\"},\"done\":true,\"eval_count\":3}\n", "\"done\":true,\"eval_count\":3}\n")]
    [InlineData("data: {\"content\":\"Once\",\"stop\":false}\n\ndata: {\"content\":\"\",\"stop\":true,\"timings\":{}}\n\n", "\"timings\":{}}\n\n")]
    public async Task Stream_ClosedAfterItsLastEvent_LoggedComplete(string body, string lastEvent)
    {
        var line = await StreamAsync(body, lastEvent);

        Assert.Matches($@"^LLM->AGON host=gpu POST \S+ status=200 complete bytes={Encoding.UTF8.GetByteCount(body)} duration=\d+ms$", line);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(64)]
    public async Task Stream_ReadInPiecesOfAnySize_TheLastNonBlankLineDecides(int piece)
    {
        const string Ended = "data: {\"content\":\"Once\",\"stop\":false}\r\n\r\ndata: {\"content\":\"\",\"stop\":true,\"timings\":{}}\r\n\r\n";
        const string EndedThenMore = "data: {\"content\":\"\",\"stop\":true}\n\ndata: {\"content\":\"more\",\"stop\":false}\n\n";

        var complete = await StreamAsync(Ended, "\"timings\":{}}\r\n\r\n", piece);
        var early = await StreamAsync(EndedThenMore, "\"stop\":false}\n\n", piece);

        Assert.Matches($@"^LLM->AGON host=gpu POST \S+ status=200 complete bytes={Ended.Length} duration=\d+ms$", complete);
        Assert.Matches(@"^LLM->AGON host=gpu POST \S+ status=200 closed early bytes=\d+ duration=\d+ms$", early);
    }

    [Fact]
    public async Task Stream_ClosedBeforeItsLastEvent_LoggedClosedEarly()
    {
        var line = await StreamAsync("data: {\"content\":\"Once\",\"stop\":false}\n\ndata: {\"content\":\" upon\",\"stop\":false}\n\n", "Once");

        Assert.Matches(@"^LLM->AGON host=gpu POST \S+ status=200 closed early bytes=\d+ duration=\d+ms$", line);
    }

    [Fact]
    public async Task Exchange_LogsBothDirections_WithSizesAndStatus()
    {
        var lines = await ExchangeAsync(debug: false, """{"model":"m","messages":[]}""", """{"ok":true}""");

        Assert.Equal(3, lines.Count);
        Assert.StartsWith("AGON->LLM host=gpu POST http://127.0.0.1:8080/v1/chat/completions bytes=27", lines[0]);
        Assert.StartsWith("LLM->AGON host=gpu POST http://127.0.0.1:8080/v1/chat/completions status=200 headers after", lines[1]);
        Assert.Matches(@"^LLM->AGON host=gpu POST \S+ status=200 complete bytes=11 duration=\d+ms$", lines[2]);
        Assert.DoesNotContain(lines, l => l.Contains("body=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Debug_LogsBodies()
    {
        var lines = await ExchangeAsync(debug: true, """{"model":"m","messages":[{"role":"user","content":"hello"}]}""", """{"answer":"hi there"}""");

        Assert.Contains("body={\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", lines[0]);
        Assert.EndsWith("body={\"answer\":\"hi there\"}", lines[2]);
    }

    [Fact]
    public async Task Credentials_NeverLogged_HeaderBodyOrEcho()
    {
        var lines = await ExchangeAsync(debug: true, $$"""{"apiKey":"{{Key}}","api_key":"other-secret-1234"}""", $$"""{"error":"bad key {{Key}}"}""");

        var all = string.Join("\n", lines);
        Assert.DoesNotContain(Key, all);
        Assert.DoesNotContain("other-secret-1234", all);
        Assert.Contains("Authorization=***", lines[0]);
        Assert.Contains("\"apiKey\":\"***\"", lines[0]);
    }

    [Fact]
    public void Redactor_MasksBearerJsonAndQueryCredentials()
    {
        var text = SecretRedactor.Redact("Authorization: Bearer abc.def-123 {\"token\": \"t0k3n\"} http://h/x?api_key=zzz&b=1");

        Assert.Equal("Authorization: Bearer *** {\"token\": \"***\"} http://h/x?api_key=***&b=1", text);
    }

    [Fact]
    public void Redactor_MasksAJsonCredentialWithEscapedQuotes_Whole()
    {
        var text = SecretRedactor.Redact("""{"password":"ab\"cd\\","user":"me"}""");

        Assert.Equal("""{"password":"***","user":"me"}""", text);
        Assert.Equal("{\"user\":\"me\",\"token\":\"***\"", SecretRedactor.Redact("""{"user":"me","token":"t0k3n-cut-by-the-64-kB-lim"""));
    }

    [Fact]
    public async Task FileLog_PastMaxSize_RotatedToDotOne()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "agon.log");
        await File.WriteAllBytesAsync(path, new byte[FileLog.MaxBytes + 1], TestContext.Current.CancellationToken);
        using (var log = new FileLog(path, includeBodies: false, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero))))
        {
            log.Write("fresh");
        }

        Assert.Equal(FileLog.MaxBytes + 1, new FileInfo(path + ".1").Length);
        Assert.Equal("2026-11-25T10:00:00.000Z fresh\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FileLog_DefaultLocation_CreatesFolderOnFirstLine_AppendsTimestampedRedactedLines()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "state", "agon", "agon.log");
        using (var log = new FileLog(path, includeBodies: false, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)), createFolder: true))
        {
            Assert.False(File.Exists(path));
            log.Write("AGON->LLM Authorization: Bearer s3cr3t-value");
        }

        var content = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal("2026-11-25T10:00:00.000Z AGON->LLM Authorization: Bearer ***\n", content);
    }
}
