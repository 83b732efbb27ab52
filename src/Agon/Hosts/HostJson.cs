using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Agon.Hosts;

/// <summary>Reads a host's JSON answer into its wire record, turning anything else into one line naming the host and model.</summary>
internal static class HostJson
{
    public static T Parse<T>(byte[] bytes, JsonTypeInfo<T> type, string host, string? model, string what)
        where T : class
    {
        try
        {
            if (JsonSerializer.Deserialize(bytes, type) is { } value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
        }

        throw HostException.Server(host, model, $"the {what} answer is not the expected JSON object");
    }
}
