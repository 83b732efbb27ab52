using System.Net;
using System.Text;
using System.Text.Json;
using Agon.Hosts.LlamaCpp;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>
/// Every recorded transcript goes through the client code that reads its kind of answer: model lists parse to
/// models with a status, chat answers (whole or streamed) parse to text and metrics, event feeds to events, and
/// every error body to one clear line naming host and model.
/// </summary>
public sealed class EveryTranscriptTests
{
    public static TheoryData<string> Transcripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RecordedExchange.FixturesRoot, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RecordedExchange.FixturesRoot, file)[..^5].Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void AllTranscriptsFound() => Assert.True(Transcripts().Count >= 50, $"only {Transcripts().Count} transcripts under {RecordedExchange.FixturesRoot}");

    [Theory]
    [MemberData(nameof(Transcripts))]
    public void Transcript_ReadByTheClient(string name)
    {
        var exchange = RecordedExchange.Load(name);
        var body = Encoding.UTF8.GetBytes(exchange.ResponseBody);
        var path = exchange.Path.Split('?')[0];
        if ((int)exchange.Status >= 400)
        {
            var error = LlamaCppErrors.FromBody(exchange.Status, body, "lab", "stories260K", embeddings: path.Contains("embedding", StringComparison.Ordinal));
            Assert.DoesNotContain("\n", error.Message);
            Assert.True(error.Message.Contains("lab", StringComparison.Ordinal), error.Message);
            Assert.DoesNotContain("{", error.Message);
            return;
        }

        switch (path)
        {
            case "/models" or "/v1/models" when exchange.Method == "GET":
                using (var document = JsonDocument.Parse(body))
                {
                    var router = LlamaCppModelList.LooksLikeRouter(document.RootElement) == true;
                    var models = LlamaCppModelList.Parse(document.RootElement, router);
                    Assert.NotEmpty(models);
                    Assert.All(models, m => Assert.False(string.IsNullOrEmpty(m.Status)));
                    Assert.Equal(name.StartsWith("single/", StringComparison.Ordinal) || name.StartsWith("single-", StringComparison.Ordinal), !router);
                }

                break;
            case "/models/sse":
                var events = exchange.ResponseBody.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => LlamaCppModelEvent.Parse(l[6..])).ToList();
                Assert.NotEmpty(events);
                Assert.All(events, e => Assert.NotNull(e));
                break;
            case "/v1/chat/completions" or "/chat/completions":
                var chunks = exchange.ContentType == "text/event-stream"
                    ? exchange.ResponseBody.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => LlamaCppChatChunkParser.Parse(Encoding.UTF8.GetBytes(l[6..]))).ToList()
                    : [LlamaCppChatChunkParser.Parse(body)];
                Assert.All(chunks, c => Assert.Null(c.RawText));
                // Text, or (tools/) tool-call fragments with an empty content.
                Assert.Contains(chunks, c => !string.IsNullOrEmpty(c.Content) || c.ToolCalls is { Count: > 0 });
                if (!name.StartsWith("crash/02", StringComparison.Ordinal))
                {
                    Assert.Contains(chunks, c => c.Timings is not null);
                }

                break;
            case "/completion":
                var pieces = exchange.ContentType == "text/event-stream"
                    ? exchange.ResponseBody.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => LlamaCppCompletionChunkParser.Parse(Encoding.UTF8.GetBytes(l[6..]))).ToList()
                    : [LlamaCppCompletionChunkParser.Parse(body)];
                Assert.All(pieces, c => Assert.Null(c.RawText));
                Assert.Contains(pieces, c => !string.IsNullOrEmpty(c.Content));
                Assert.True(pieces[^1].Stop);
                Assert.NotNull(pieces[^1].Timings);
                Assert.All(pieces.SkipLast(1), c => Assert.False(c.Stop));
                break;
            case "/v1/completions":
                // Agon uses native /completion for raw prompts; the OpenAI variant is kept as recorded.
                foreach (var line in exchange.ResponseBody.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal)).Select(l => l[6..]).DefaultIfEmpty(exchange.ResponseBody))
                {
                    using (JsonDocument.Parse(line))
                    {
                    }
                }

                break;
            case "/props":
                using (var document = JsonDocument.Parse(body))
                {
                    Assert.Equal(name.StartsWith("router", StringComparison.Ordinal), LlamaCppModelList.String(document.RootElement, "role") == "router");
                }

                break;
            default:
                // /health, /slots, /models/load|unload answers, embeddings: valid JSON the client reads elsewhere.
                using (JsonDocument.Parse(body))
                {
                }

                break;
        }
    }

    [Fact]
    public async Task ModelsReload_And_V1Models_SameListAsModels()
    {
        var server = new ReplayHandler().Always("router-basic/02-props").Always(RecordedExchange.Load("router-basic/04-v1-models").WithRequest("GET", "/models"));
        await using var host = LlamaCppTestHost.Create(server);

        var models = await host.ListModelsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["broken", "stories260K", "tiny-random"], models.Select(m => m.Id));
    }

    [Fact]
    public void ChatWithoutModel_ServerMessageKept()
    {
        var exchange = RecordedExchange.Load("router-basic/18-chat-no-model");

        var error = LlamaCppErrors.FromBody(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(exchange.ResponseBody), "lab", null);

        Assert.Equal("host lab: model name is missing from the request (HTTP 400)", error.Message);
    }
}
