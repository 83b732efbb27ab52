using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agon.Tests.TestServices;

/// <summary>One HTTP exchange recorded from a real llama-server (a file under Fixtures/llamacpp).</summary>
internal sealed class RecordedExchange
{
    private RecordedExchange(string name, JsonElement root)
    {
        Name = name;
        var request = root.GetProperty("request");
        var response = root.GetProperty("response");
        Method = request.GetProperty("method").GetString()!;
        Path = request.GetProperty("path").GetString()!;
        RequestBody = request.GetProperty("body") is { ValueKind: not JsonValueKind.Null } body ? JsonNode.Parse(body.GetRawText()) : null;
        Status = (HttpStatusCode)response.GetProperty("status").GetInt32();
        ContentType = response.GetProperty("headers").TryGetProperty("Content-Type", out var ct) ? ct.GetString() : null;
        var text = response.GetProperty("bodyText");
        ResponseBody = text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : response.GetProperty("body").GetRawText();
    }

    public string Name { get; }

    public string Method { get; private set; }

    /// <summary>Path with query, as recorded (leading slash).</summary>
    public string Path { get; private set; }

    public JsonNode? RequestBody { get; }

    public HttpStatusCode Status { get; }

    public string? ContentType { get; }

    /// <summary>The exact body the server sent.</summary>
    public string ResponseBody { get; private set; }

    public static string FixturesRoot => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "llamacpp");

    /// <summary>Loads <c>group/NN-name.json</c>, for example <c>router-basic/11-chat</c>.</summary>
    public static RecordedExchange Load(string name)
    {
        var path = name.StartsWith("ollama/", StringComparison.Ordinal)
            ? System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")
            : System.IO.Path.Combine(FixturesRoot, name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new RecordedExchange(name, document.RootElement);
    }

    /// <summary>A copy whose body is changed (to cut a stream short, for example).</summary>
    public RecordedExchange WithBody(string body)
    {
        var copy = (RecordedExchange)MemberwiseClone();
        copy.ResponseBody = body;
        return copy;
    }

    /// <summary>A copy that answers a different request (a recorded body reused where the server answers alike).</summary>
    public RecordedExchange WithRequest(string method, string path)
    {
        var copy = (RecordedExchange)MemberwiseClone();
        copy.Method = method;
        copy.Path = path;
        return copy;
    }

    public HttpResponseMessage ToResponse()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(ResponseBody));
        if (ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        return new HttpResponseMessage(Status) { Content = content };
    }
}
