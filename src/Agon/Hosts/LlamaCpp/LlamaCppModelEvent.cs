using System.Text.Json;

namespace Agon.Hosts.LlamaCpp;

/// <summary>One event of the router's <c>GET /models/sse</c> feed.</summary>
internal sealed record LlamaCppModelEvent(string Model, string Event, string? Status, double? Progress, int? ExitCode, long? DoneBytes, long? TotalBytes, string? Error)
{
    /// <summary>Parses <c>{"model","event","data":{…}}</c>; null for anything else.</summary>
    public static LlamaCppModelEvent? Parse(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var model = LlamaCppModelList.String(root, "model") ?? "";
            var kind = LlamaCppModelList.String(root, "event") ?? "";
            string? status = null, error = null;
            double? progress = null;
            int? exitCode = null;
            long? done = null, total = null;
            if (root.TryGetProperty("data", out var payload) && payload.ValueKind == JsonValueKind.Object)
            {
                status = LlamaCppModelList.String(payload, "status");
                exitCode = (int?)LlamaCppModelList.Long(payload, "exit_code");
                error = LlamaCppModelList.String(payload, "error") ?? LlamaCppModelList.String(payload, "message");
                if (payload.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object
                    && p.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number)
                {
                    progress = v.GetDouble();
                }

                if (kind == "download_progress")
                {
                    // {"<url>": {"done": bytes, "total": bytes}, …}: one entry per file.
                    foreach (var file in payload.EnumerateObject())
                    {
                        if (file.Value.ValueKind == JsonValueKind.Object)
                        {
                            done = (done ?? 0) + (LlamaCppModelList.Long(file.Value, "done") ?? 0);
                            total = (total ?? 0) + (LlamaCppModelList.Long(file.Value, "total") ?? 0);
                        }
                    }
                }
            }

            return new LlamaCppModelEvent(model, kind, status, progress, exitCode, done, total, error);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
