using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Agon.Hosts.LlamaCpp;

/// <summary>What a benchmark needs from llama-server: its tokenizer and requests the prompt cache cannot help.</summary>
internal sealed partial class LlamaCppHost : IBenchmarkSupport
{
    private static readonly IReadOnlyDictionary<string, JsonElement> s_benchmarkParameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
    {
        ["cache_prompt"] = JsonDocument.Parse("false").RootElement.Clone(),
        ["ignore_eos"] = JsonDocument.Parse("true").RootElement.Clone(),
    };

    public IReadOnlyDictionary<string, JsonElement> BenchmarkParameters => s_benchmarkParameters;

    public async Task<IReadOnlyList<string>> TokenizeAsync(string model, string text, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteString("content", text);
            w.WriteBoolean("add_special", false);
            w.WriteBoolean("with_pieces", true);
            w.WriteEndObject();
        }

        using var response = await SendAsync(HttpMethod.Post, "tokenize", Json(buffer.WrittenSpan.ToArray()), cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw LlamaCppErrors.FromBody(response.StatusCode, body, Name, model);
        }

        using var document = TryParse(body) ?? throw HostException.Server(Name, model, "POST /tokenize answered something that is not JSON");
        if (!document.RootElement.TryGetProperty("tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Array)
        {
            throw HostException.Server(Name, model, "POST /tokenize answered without a tokens list");
        }

        var pieces = new List<string>(tokens.GetArrayLength());
        foreach (var token in tokens.EnumerateArray())
        {
            pieces.Add(Piece(token));
        }

        return pieces;
    }

    /// <summary>A piece is a string, or (not valid UTF-8 on its own) an array of byte values; a bare id has no text.</summary>
    private static string Piece(JsonElement token)
    {
        if (token.ValueKind != JsonValueKind.Object || !token.TryGetProperty("piece", out var piece))
        {
            return "";
        }

        if (piece.ValueKind == JsonValueKind.String)
        {
            return piece.GetString() ?? "";
        }

        if (piece.ValueKind == JsonValueKind.Array)
        {
            var bytes = piece.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Number).Select(b => (byte)b.GetInt32()).ToArray();
            return Encoding.UTF8.GetString(bytes);
        }

        return "";
    }
}
