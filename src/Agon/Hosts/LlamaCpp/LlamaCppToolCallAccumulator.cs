using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Merges streamed tool-call fragments by index: the id and name arrive once, arguments in pieces.</summary>
internal sealed class LlamaCppToolCallAccumulator
{
    private readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> _calls = [];

    public bool HasCalls => _calls.Count > 0;

    public void Add(IEnumerable<LlamaCppToolCallDelta> deltas)
    {
        foreach (var delta in deltas)
        {
            if (!_calls.TryGetValue(delta.Index, out var call))
            {
                call = (null, null, new StringBuilder());
            }

            call = (call.Id ?? delta.Id, call.Name ?? delta.Name, call.Arguments);
            if (delta.Arguments is not null)
            {
                call.Arguments.Append(delta.Arguments);
            }

            _calls[delta.Index] = call;
        }
    }

    /// <summary>The complete calls, as function-call content Microsoft.Extensions.AI can invoke.</summary>
    public List<AIContent> Build()
    {
        var contents = new List<AIContent>(_calls.Count);
        foreach (var call in _calls.Values)
        {
            var arguments = call.Arguments.ToString();
            var callId = call.Id ?? ToolCallIds.Mint();
            contents.Add(FunctionCallContent.CreateFromParsedArguments(arguments, callId, call.Name ?? "", ParseArguments));
        }

        return contents;
    }

    private static Dictionary<string, object?>? ParseArguments(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("tool arguments are not a JSON object");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.Clone();
        }

        return result;
    }
}
