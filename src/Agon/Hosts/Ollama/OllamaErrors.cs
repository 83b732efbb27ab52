using System.Net;
using System.Text;
using System.Text.Json;
using Agon.Diagnostics;

namespace Agon.Hosts.Ollama;

/// <summary>Ollama errors (<c>{"error":"…"}</c>, on any status) as one line naming the host and model.</summary>
internal static class OllamaErrors
{
    public static string? Message(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, OllamaJsonContext.Default.OllamaError)?.Error is { ValueKind: JsonValueKind.String } error ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static HostException FromBody(HttpStatusCode status, ReadOnlySpan<byte> body, string host, string? model)
    {
        if (status == HttpStatusCode.Unauthorized)
        {
            return HostException.Unauthorized(host);
        }

        var text = Message(body) ?? Encoding.UTF8.GetString(body).Trim();
        if (text.Length == 0)
        {
            text = $"HTTP {(int)status} {status}";
        }
        else if (text.Length > 300)
        {
            text = text[..300] + "…";
        }

        return HostException.Server(host, model, SecretRedactor.Redact(text) + $" (HTTP {(int)status})");
    }
}
