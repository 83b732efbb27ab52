using System.Collections.Concurrent;
using System.Globalization;
using Agon.Configuration;
using Agon.Diagnostics;
using Microsoft.Extensions.AI;
using ModelContextProtocol;

namespace Agon.Mcp;

/// <summary>
/// Runs the tool calls of one target's turn for <see cref="FunctionInvokingChatClient"/>: each call goes to its
/// server under <c>mcpInitTimeout</c>; the model reads back short plain text, and on a failure (an error result, a
/// timeout, a server that went away) one line saying so, after which it may try again. After <c>mcpRetryCount</c>
/// failed calls in a row, the next call ends the loop instead (<see cref="StopReason"/> says why).
/// </summary>
internal sealed class McpToolInvoker(McpToolbox toolbox, McpSettings settings, IAgonLog log, TimeProvider timeProvider, Func<ToolActivity, CancellationToken, Task<bool>>? confirm = null)
{
    private readonly ConcurrentDictionary<string, ToolActivity> _done = new(StringComparer.Ordinal);
    private int _failuresInARow;

    /// <summary>Whether an answer that is only a tool call written as text is run (<c>mcpParseTextCalls</c>).</summary>
    public bool ParsesTextCalls => settings.ParseTextCalls;

    /// <summary>Why the loop was ended early, or null.</summary>
    public string? StopReason { get; private set; }

    /// <summary>The server that has the tool of this name, or null (an unknown tool, or a function given by the caller).</summary>
    public string? ServerOf(string name) => toolbox.Find(name)?.Server;

    /// <summary>The finished call with this id, or null (a call the loop answered itself, such as an unknown tool).</summary>
    public ToolActivity? Finished(string callId) => _done.GetValueOrDefault(callId);

    /// <summary>Plugs this invoker into the function-invoking client: rounds, no parallel calls, no exceptions to the model.</summary>
    public void Configure(FunctionInvokingChatClient client)
    {
        client.MaximumIterationsPerRequest = settings.MaxRounds;
        client.AllowConcurrentInvocation = false;
        client.IncludeDetailedErrors = false;
        // Failures never throw out of InvokeAsync: they are counted here, against mcpRetryCount.
        client.MaximumConsecutiveErrorsPerRequest = int.MaxValue;
        client.FunctionInvoker = InvokeAsync;
    }

    public async ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        var call = context.CallContent;
        var binding = toolbox.Find(context.Function.Name);
        var activity = new ToolActivity
        {
            CallId = call.CallId,
            Name = call.Name,
            Server = binding?.Server,
            Arguments = JsonWriterExtensions.ToolArgumentsJson(call.Arguments),
            ParsedFromText = TextToolCall.IsParsedFromText(call),
        };
        if (_failuresInARow >= Math.Max(settings.Attempts, 1))
        {
            StopReason = string.Create(CultureInfo.InvariantCulture,
                $"stopped after {_failuresInARow} failed tool call{(_failuresInARow == 1 ? "" : "s")} in a row (mcpRetryCount {settings.RetryCount}); the model still wanted to call {call.Name}");
            context.Terminate = true;
            return Finish(activity with { Result = "not called: " + StopReason, IsError = true });
        }

        if (confirm is not null && !await confirm(activity, cancellationToken))
        {
            return Finish(activity with { Result = "not called: the user declined this call", IsError = true });
        }

        var started = timeProvider.GetTimestamp();
        string text;
        var failed = false;
        log.Write($"AGON->MCP server={activity.Server} tools/call {call.Name}{(log.IncludeBodies ? " arguments=" + SecretRedactor.Redact(activity.Arguments) : "")}");
        using var timeout = new CancellationTokenSource(settings.InitTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (binding is null)
            {
                // Not an MCP tool (a function given by the caller): run it as it is.
                text = JsonWriterExtensions.ToolResultText(await context.Function.InvokeAsync(context.Arguments, linked.Token));
            }
            else
            {
                var result = await binding.Tool.CallAsync(context.Arguments, cancellationToken: linked.Token);
                failed = result.IsError == true;
                text = ToolResultText.Of(result);
                if (failed)
                {
                    text = $"error: {call.Name} failed: {OneLine(text)}";
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            failed = true;
            text = string.Create(CultureInfo.InvariantCulture, $"error: {call.Name} did not answer within {settings.InitTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is McpException or IOException or InvalidOperationException or System.Text.Json.JsonException or ArgumentException)
        {
            failed = true;
            text = $"error: {call.Name} could not be called: {OneLine(ex.Message)}";
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        log.Write(string.Create(CultureInfo.InvariantCulture,
            $"MCP->AGON server={activity.Server} tools/call {call.Name} {(failed ? "error" : "ok")} chars={text.Length} duration={(long)elapsed.TotalMilliseconds}ms{(log.IncludeBodies ? " result=" + SecretRedactor.Redact(text) : "")}"));
        _failuresInARow = failed ? _failuresInARow + 1 : 0;
        return Finish(activity with { Result = text, IsError = failed, Duration = elapsed });
    }

    private string Finish(ToolActivity activity)
    {
        _done[activity.CallId] = activity;
        return activity.Result!;
    }

    private static string OneLine(string text) => SecretRedactor.Redact(ToolResultText.Truncate(text.ReplaceLineEndings(" ").Trim(), 500));
}
