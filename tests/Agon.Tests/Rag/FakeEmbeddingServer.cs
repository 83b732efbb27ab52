using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Agon.Tests.Rag;

/// <summary>
/// A llama.cpp <c>/v1/embeddings</c> server written for these tests (not recorded): the answer has the recorded
/// shape (<c>data[].index/embedding</c>, <c>usage</c>), each vector a bag of words hashed into
/// <see cref="Dimensions"/> buckets, so texts sharing words score high. Every input that reached it is kept.
/// </summary>
internal sealed class FakeEmbeddingServer : HttpMessageHandler
{
    public int Dimensions { get; set; } = 16;

    public List<List<string>> Requests { get; } = [];

    public IEnumerable<string> Inputs => Requests.SelectMany(r => r);

    public static float[] Vector(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var bucket = 0u;
            foreach (var c in word.Trim('.', ',', '!', '?'))
            {
                bucket = (bucket * 31) + c;
            }

            vector[bucket % (uint)dimensions] += 1;
        }

        return vector;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri!.AbsolutePath != "/v1/embeddings")
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""", Encoding.UTF8, "application/json") };
        }

        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        var inputs = body["input"] is JsonArray array ? array.Select(i => (string)i!).ToList() : [(string)body["input"]!];
        lock (Requests)
        {
            Requests.Add(inputs);
        }

        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            data.Add(new JsonObject { ["index"] = i, ["object"] = "embedding", ["embedding"] = new JsonArray([.. Vector(inputs[i], Dimensions).Select(v => (JsonNode)v)]) });
        }

        var answer = new JsonObject { ["model"] = (string?)body["model"], ["object"] = "list", ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Count, ["total_tokens"] = inputs.Count }, ["data"] = data };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
