using System.Globalization;
using System.Net;
using System.Text;
using Agon.Diagnostics;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Turns a llama-server error response into one clear line naming the host and model.</summary>
internal static class LlamaCppErrors
{
    public static async Task<HostException> FromResponseAsync(HttpResponseMessage response, string host, string? model, bool embeddings, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return FromBody(response.StatusCode, body, host, model, embeddings);
    }

    public static HostException FromBody(HttpStatusCode status, ReadOnlySpan<byte> body, string host, string? model, bool embeddings = false)
    {
        var error = LlamaCppChatChunkParser.ParseError(body);
        var text = Encoding.UTF8.GetString(body).Trim();
        if (status == HttpStatusCode.Unauthorized || error?.Type == "authentication_error")
        {
            return HostException.Unauthorized(host);
        }

        if (error is null && text.StartsWith("proxy error", StringComparison.OrdinalIgnoreCase))
        {
            return HostException.Crashed(host, model ?? "the model", midAnswer: false);
        }

        if (error?.Type == "exceed_context_size_error" && error.PromptTokens is { } tokens && error.ContextSize is { } context)
        {
            return HostException.Server(host, model, string.Create(CultureInfo.InvariantCulture,
                $"prompt has {tokens} tokens but the context holds {context}; shorten the prompt or start the model with a larger --ctx-size"), (int)status);
        }

        if (error?.Message is { } message && message.Contains("model is not loaded", StringComparison.Ordinal) && model is not null)
        {
            return HostException.NotLoaded(model, host);
        }

        // An embedding model (a BERT) asked to chat: the child answers 500 "the current context does not logits
        // computation. skipping" (router-80fb11a/02).
        if (!embeddings && error?.Message is { } noLogits && noLogits.Contains("does not logits", StringComparison.Ordinal))
        {
            return HostException.Server(host, model, "cannot write text: it is an embedding model (the server computes no logits for it)");
        }

        if (embeddings && (status == HttpStatusCode.NotImplemented || error?.Type == "not_supported_error"))
        {
            return HostException.Server(host, model, "this server does not compute embeddings; start llama-server with --embeddings");
        }

        var detail = error?.Message ?? (text.Length > 0 ? Truncate(text) : $"HTTP {(int)status} {status}");
        return HostException.Server(host, model, SecretRedactor.Redact(detail) + string.Create(CultureInfo.InvariantCulture, $" (HTTP {(int)status})"), (int)status);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
