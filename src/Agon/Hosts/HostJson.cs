using System.Text.Json;

namespace Agon.Hosts;

/// <summary>Reads a host's JSON answer, turning anything else into one line naming the host and model.</summary>
internal static class HostJson
{
    public static JsonDocument ParseObject(byte[] bytes, string host, string? model, string what)
    {
        try
        {
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw HostException.Server(host, model, $"the {what} answer is not the expected JSON object");
    }

    /// <summary>A JSON array of numbers as a float vector.</summary>
    public static float[] ReadVector(JsonElement array)
    {
        var vector = new float[array.GetArrayLength()];
        var n = 0;
        foreach (var value in array.EnumerateArray())
        {
            vector[n++] = value.GetSingle();
        }

        return vector;
    }
}
