using System.Text.Json;
using Agon.Metrics;
using Agon.Terminal;

namespace Agon.Chat;

/// <summary>The JSON shape of chat outcomes and metrics, shared by <c>--output json</c>, ndjson events and exports.</summary>
internal static class ChatJson
{
    public static void WriteOutcome(Utf8JsonWriter w, ChatOutcome outcome)
    {
        w.WriteStartObject();
        w.WriteString("target", outcome.Target.Label);
        w.WriteString("host", outcome.Target.Host.Name);
        w.WriteString("model", outcome.Target.Model);
        if (outcome.Stage is { } stage)
        {
            w.WriteNumber("stage", stage);
        }

        w.WriteString("content", outcome.Content);
        w.WriteStringOrNull("reasoning", outcome.Reasoning);
        w.WriteStringOrNull("finishReason", outcome.FinishReason);
        if (outcome.JsonValid is { } valid)
        {
            w.WriteBoolean("jsonValid", valid);
        }
        else
        {
            w.WriteNull("jsonValid");
        }

        w.WriteStrings("jsonErrors", outcome.JsonErrors);
        w.WriteStringOrNull("error", outcome.Error);
        if (outcome.ToolCalls.Count > 0 || outcome.ToolStop is not null)
        {
            w.WriteStartArray("toolCalls");
            foreach (var call in outcome.ToolCalls)
            {
                WriteToolCall(w, call);
            }

            w.WriteEndArray();
            w.WriteStringOrNull("toolStop", outcome.ToolStop);
        }
        if (outcome.Skipped)
        {
            w.WriteBoolean("skipped", true);
        }

        w.WritePropertyName("metrics");
        WriteMetrics(w, outcome.Metrics);
        w.WriteEndObject();
    }

    public static void WriteMetrics(Utf8JsonWriter w, ResponseMetrics metrics)
    {
        w.WriteStartObject();
        foreach (var (name, value) in metrics.All())
        {
            if (value is { } metric)
            {
                w.WriteStartObject(name);
                w.WriteNumber("value", Math.Round(metric.Value, 3));
                w.WriteString("source", metric.Source == MetricSource.Server ? "server" : "client");
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull(name);
            }
        }

        w.WriteEndObject();
    }

    /// <summary>One tool call: <c>{id, name, server, arguments, result, isError, durationMs, parsedFromText}</c>.</summary>
    public static void WriteToolCall(Utf8JsonWriter w, Mcp.ToolActivity call)
    {
        w.WriteStartObject();
        w.WriteString("id", call.CallId);
        w.WriteString("name", call.Name);
        w.WriteStringOrNull("server", call.Server);
        w.WritePropertyName("arguments");
        w.WriteRawValue(call.Arguments);
        w.WriteStringOrNull("result", call.Result);
        w.WriteBoolean("isError", call.IsError);
        w.WriteNumber("durationMs", Math.Round(call.Duration.TotalMilliseconds, 1));
        w.WriteBoolean("parsedFromText", call.ParsedFromText);
        w.WriteEndObject();
    }
}
