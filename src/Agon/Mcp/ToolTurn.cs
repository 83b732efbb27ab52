using System.Globalization;
using Microsoft.Extensions.AI;

namespace Agon.Mcp;

/// <summary>
/// Follows the tool calls and results of one target's turn as they stream past (or in the finished response), so
/// the user sees each call and its result, and says why the loop stopped when the model was still calling tools.
/// </summary>
internal sealed class ToolTurn(McpToolInvoker invoker, int maxRounds, Action<ToolActivity, bool> onActivity)
{
    private readonly List<ToolActivity> _calls = [];
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

    /// <summary>Every call of the turn, with its result once it came.</summary>
    public IReadOnlyList<ToolActivity> Calls => _calls;

    public void See(AIContent content)
    {
        switch (content)
        {
            case FunctionCallContent call when !_calls.Exists(c => c.CallId == call.CallId):
                var activity = new ToolActivity
                {
                    CallId = call.CallId,
                    Name = call.Name,
                    Server = invoker.ServerOf(call.Name),
                    Arguments = JsonWriterExtensions.ToolArgumentsJson(call.Arguments),
                    ParsedFromText = TextToolCall.IsParsedFromText(call),
                };
                _calls.Add(activity);
                onActivity(activity, false);
                break;
            case FunctionResultContent result when _answered.Add(result.CallId):
                var index = _calls.FindIndex(c => c.CallId == result.CallId);
                var finished = invoker.Finished(result.CallId)
                    ?? new ToolActivity
                    {
                        // Answered by the loop itself: a tool no server has.
                        CallId = result.CallId,
                        Name = index >= 0 ? _calls[index].Name : "?",
                        Arguments = index >= 0 ? _calls[index].Arguments : "{}",
                        Result = JsonWriterExtensions.ToolResultText(result.Result),
                        IsError = true,
                    };
                if (index >= 0)
                {
                    _calls[index] = finished;
                }
                else
                {
                    _calls.Add(finished);
                }

                onActivity(finished, true);
                break;
        }
    }

    /// <summary>Why the loop ended while the model still wanted a tool, or null when the model answered.</summary>
    public string? StopReason()
    {
        if (invoker.StopReason is { } stopped)
        {
            return stopped;
        }

        var pending = _calls.Where(c => !_answered.Contains(c.CallId)).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        return pending.Count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"stopped after {maxRounds} tool round{(maxRounds == 1 ? "" : "s")}; the model still wanted to call {string.Join(", ", pending)}");
    }
}
