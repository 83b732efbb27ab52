using System.Text;
using Agon.Hosts;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Chat;

/// <summary>
/// Runs one chat turn against one to four targets: single, compare (parallel, but one after another on a router
/// that could not hold them all) or pipeline (stage by stage). Failures stay in their own target's outcome.
/// Free of console code: front ends watch the events and read the outcomes.
/// </summary>
internal sealed class ChatEngine(TimeProvider timeProvider, Diagnostics.IAgonLog? log = null, ChatPipeline? pipeline = null, Mcp.ToolSession? tools = null)
{
    private readonly ChatPipeline _pipeline = pipeline ?? new ChatPipeline(timeProvider);

    public const int MaxTargets = 4;


    /// <summary>
    /// Runs the turn. <paramref name="stops"/>: per target (in target order), a token that stops only that target's
    /// answer; it ends as a cancelled outcome with its partial text while the others go on (Esc on one pane).
    /// </summary>
    public async Task<IReadOnlyList<ChatOutcome>> RunAsync(
        ChatRequest request, IReadOnlyList<ChatTarget> targets, IChatObserver observer, CancellationToken cancellationToken, IReadOnlyList<CancellationToken>? stops = null)
    {
        if (targets.Count is 0 or > MaxTargets)
        {
            throw AgonException.Usage($"a chat takes one to {MaxTargets} targets, got {targets.Count}");
        }

        stops ??= [];
        return request.Mode == ChatMode.Pipeline
            ? await PipelineAsync(request, targets, observer, stops, cancellationToken)
            : await CompareAsync(request, targets, observer, stops, cancellationToken);
    }

    private async Task<IReadOnlyList<ChatOutcome>> CompareAsync(
        ChatRequest request, IReadOnlyList<ChatTarget> targets, IChatObserver observer, IReadOnlyList<CancellationToken> stops, CancellationToken cancellationToken)
    {
        var outcomes = new ChatOutcome[targets.Count];
        var groups = targets.Select((target, index) => (target, index)).GroupBy(t => t.target.Host);
        await Task.WhenAll(groups.Select(async group =>
        {
            var members = group.ToList();
            if (await MustTakeTurnsAsync(group.Key, members.Select(m => m.target.Model), observer, members[0].target, cancellationToken))
            {
                foreach (var (target, index) in members)
                {
                    outcomes[index] = await RunTargetAsync(request, target, Messages(request, index, target, null), null, null, observer, Stop(stops, index), cancellationToken);
                }
            }
            else
            {
                await Task.WhenAll(members.Select(async m =>
                    outcomes[m.index] = await RunTargetAsync(request, m.target, Messages(request, m.index, m.target, null), null, null, observer, Stop(stops, m.index), cancellationToken)));
            }
        }));
        return outcomes;
    }

    /// <summary>More models on one router than it holds at once would evict each other mid-answer.</summary>
    private static async Task<bool> MustTakeTurnsAsync(IModelHost host, IEnumerable<string> models, IChatObserver observer, ChatTarget first, CancellationToken cancellationToken)
    {
        var distinct = models.Distinct(StringComparer.Ordinal).Count();
        if (distinct < 2)
        {
            return false;
        }

        HostCapabilities capabilities;
        try
        {
            capabilities = await host.GetCapabilitiesAsync(cancellationToken);
        }
        catch (HostException)
        {
            // A host that does not answer fails each target on its own.
            return false;
        }

        if (capabilities.MaxLoadedModels is { } max && distinct > max)
        {
            observer.OnEvent(new ChatEvent(ChatEventKind.Note, first,
                Text: $"host {host.Name} holds {max} model{(max == 1 ? "" : "s")} at a time; its {distinct} targets run one after another"));
            return true;
        }

        return false;
    }

    private async Task<IReadOnlyList<ChatOutcome>> PipelineAsync(
        ChatRequest request, IReadOnlyList<ChatTarget> targets, IChatObserver observer, IReadOnlyList<CancellationToken> stops, CancellationToken cancellationToken)
    {
        var outcomes = new List<ChatOutcome>();
        string? handOff = null;
        string? stopReason = null;
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var stage = i + 1;
            if (stopReason is not null)
            {
                outcomes.Add(new ChatOutcome { Target = target, Stage = stage, Skipped = true });
                observer.OnEvent(new ChatEvent(ChatEventKind.Note, target, stage, $"stage {stage} ({target.Label}) did not run: {stopReason}"));
                continue;
            }

            var outcome = await RunTargetAsync(request, target, Messages(request, i, target, handOff), stage, handOff, observer, Stop(stops, i), cancellationToken);
            if (outcome.Failed)
            {
                stopReason = $"stage {stage} ({target.Label}) failed";
            }
            else if (outcome.JsonValid == false)
            {
                var reason = $"stage {stage} ({target.Label}) handed off invalid JSON: {string.Join("; ", outcome.JsonErrors)}";
                outcome = outcome with { Error = reason };
                stopReason = $"stage {stage} ({target.Label}) handed off invalid JSON";
                observer.OnEvent(new ChatEvent(ChatEventKind.Error, target, stage, Outcome: outcome));
            }

            outcomes.Add(outcome);
            handOff = outcome.Content;
        }

        return outcomes;
    }

    private static List<ChatMessage> Messages(ChatRequest request, int index, ChatTarget target, string? handOff)
    {
        var messages = new List<ChatMessage>();
        // A raw prompt is continued as written: no template, so no system prompt either.
        var system = request.System ?? target.Host.Config.SystemPrompt;
        if (request.Context is not null)
        {
            system = Rag.RagContextBlock.AugmentSystem(system);
        }

        if (!request.Raw && system is { Length: > 0 })
        {
            messages.Add(new ChatMessage(ChatRole.System, system));
        }

        if (index < request.History.Count)
        {
            messages.AddRange(request.History[index]);
        }

        messages.Add(new ChatMessage(ChatRole.User, request.Context is { } context ? Rag.RagContextBlock.Prepend(context.Text, request.Prompt) : request.Prompt));
        if (handOff is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, handOff));
        }

        return messages;
    }

    private async Task<ChatOutcome> RunTargetAsync(
        ChatRequest request, ChatTarget target, List<ChatMessage> messages, int? stage, string? handOff, IChatObserver observer, CancellationToken stop, CancellationToken runToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, stop);
        var cancellationToken = linked.Token;
        var parameters = ChatParameters.Merge(target.Host.Config.Parameters, request.Parameters);
        var options = ChatOptionsFactory.Create(parameters);
        if (request.Raw)
        {
            RawPrompt.Request(options);
        }

        if (request.JsonSchema is { } schema)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "response");
        }
        else if (request.JsonMode)
        {
            options.ResponseFormat = ChatResponseFormat.Json;
        }

        var sent = Configuration.ParameterValues.Of(parameters).ToDictionary(p => p.Key, p => p.Json, StringComparer.Ordinal);
        var system = messages.Count > 0 && messages[0].Role == ChatRole.System ? messages[0].Text : null;
        var outcome = new ChatOutcome { Target = target, Stage = stage, System = system, Parameters = sent, HandOff = handOff, MaxTokens = parameters.MaxTokens, Sources = request.Context?.Files };
        observer.OnEvent(new ChatEvent(ChatEventKind.Start, target, stage));
        var invoker = request.Raw ? null : await ToolsForAsync(target, stage, options, observer, cancellationToken);
        var turn = invoker is null
            ? null
            : new Mcp.ToolTurn(invoker, tools!.Settings.MaxRounds, (activity, done) =>
                observer.OnEvent(new ChatEvent(done ? ChatEventKind.ToolResult : ChatEventKind.ToolCall, target, stage, Tool: activity)));
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        try
        {
            using var client = _pipeline.Create(target.Host, target.Model, invoker);
            ChatFinishReason? finish = null;
            ResponseMetrics? metrics = null;
            if (request.Stream)
            {
                await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
                {
                    // An index loop over the list itself: through IList<T> each step would be an interface call, and
                    // its enumerator would be boxed, once per chunk.
                    var contents = update.Contents as List<AIContent> ?? [.. update.Contents];
                    for (var i = 0; i < contents.Count; i++)
                    {
                        var content = contents[i];
                        if (content is TextContent { Text.Length: > 0 } t)
                        {
                            text.Append(t.Text);
                            observer.OnEvent(new ChatEvent(ChatEventKind.Delta, target, stage, t.Text));
                        }
                        else if (content is TextReasoningContent { Text.Length: > 0 } r)
                        {
                            reasoning.Append(r.Text);
                            observer.OnEvent(new ChatEvent(ChatEventKind.Delta, target, stage, r.Text, Reasoning: true));
                        }
                        else
                        {
                            turn?.See(content);
                        }
                    }

                    if (update.FinishReason is { } reason)
                    {
                        finish = reason;
                    }

                    if (MetricsOf(update.AdditionalProperties) is { } updateMetrics)
                    {
                        metrics = updateMetrics;
                    }
                }
            }
            else
            {
                var response = await client.GetResponseAsync(messages, options, cancellationToken);
                foreach (var content in response.Messages.SelectMany(m => m.Contents))
                {
                    turn?.See(content);
                }

                text.Append(response.Text);
                reasoning.Append(string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
                finish = response.FinishReason;
                metrics = MetricsOf(response.AdditionalProperties);
                if (reasoning.Length > 0)
                {
                    observer.OnEvent(new ChatEvent(ChatEventKind.Delta, target, stage, reasoning.ToString(), Reasoning: true));
                }

                if (text.Length > 0)
                {
                    observer.OnEvent(new ChatEvent(ChatEventKind.Delta, target, stage, text.ToString()));
                }
            }

            var toolStop = turn?.StopReason();
            if (toolStop is not null)
            {
                observer.OnEvent(new ChatEvent(ChatEventKind.Note, target, stage, toolStop));
            }

            outcome = outcome with
            {
                Content = text.ToString(),
                Reasoning = reasoning.Length > 0 ? reasoning.ToString() : null,
                FinishReason = finish?.Value,
                Metrics = metrics ?? new ResponseMetrics(),
                ToolCalls = turn?.Calls ?? [],
                ToolStop = toolStop,
            };
            if (request.WantsJson)
            {
                var (valid, errors) = JsonVerdict.Judge(outcome.Content, request.JsonSchema);
                outcome = outcome with { JsonValid = valid, JsonErrors = errors };
            }

            observer.OnEvent(new ChatEvent(ChatEventKind.Done, target, stage, Outcome: outcome));
            return outcome;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !runToken.IsCancellationRequested)
        {
            // Only this target was stopped: it ends with what had arrived; the others go on.
            outcome = outcome with
            {
                Content = text.ToString(),
                Reasoning = reasoning.Length > 0 ? reasoning.ToString() : null,
                Error = (stage is { } s ? $"stage {s} ({target.Label}): " : "") + "stopped",
                Cancelled = true,
            };
            observer.OnEvent(new ChatEvent(ChatEventKind.Error, target, stage, Outcome: outcome));
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Failures stay in their own target's slot, whatever they are; unexpected ones are recorded in the log.
            if (ex is not AgonException)
            {
                log?.Write($"ERROR {target.Label}: {ex}");
            }

            var partial = ex is HostException { PartialText: { } p } ? p : text.ToString();
            outcome = outcome with
            {
                Content = partial,
                Reasoning = reasoning.Length > 0 ? reasoning.ToString() : null,
                Error = (stage is { } s ? $"stage {s} ({target.Label}): " : "") + (ex is AgonException ? ex.Message : $"{target.Label}: unexpected failure: {ex.Message}"),
                ErrorKind = HostFailure.Of(ex),
            };
            observer.OnEvent(new ChatEvent(ChatEventKind.Error, target, stage, Outcome: outcome));
            return outcome;
        }
    }

    /// <summary>
    /// Offers the servers' tools when the host says the model can use them; otherwise says so once and chats
    /// without them. Returns the invoker that runs this target's calls, or null for a turn without tools.
    /// </summary>
    private async Task<Mcp.McpToolInvoker?> ToolsForAsync(ChatTarget target, int? stage, ChatOptions options, IChatObserver observer, CancellationToken cancellationToken)
    {
        if (tools is not { Toolbox.Tools.Count: > 0 } session)
        {
            return null;
        }

        bool? supported;
        try
        {
            supported = await target.Host.SupportsToolsAsync(target.Model, cancellationToken);
        }
        catch (HostException)
        {
            supported = null;
        }

        if (supported == false)
        {
            observer.OnEvent(new ChatEvent(ChatEventKind.Note, target, stage, $"{target.Model} on {target.Host.Name} does not support tools; chatting without them"));
            return null;
        }

        options.Tools = [.. session.Toolbox.Tools];
        options.ToolMode = ChatToolMode.Auto;
        return new Mcp.McpToolInvoker(session.Toolbox, session.Settings, session.Log, timeProvider, session.Confirm);
    }

    private static CancellationToken Stop(IReadOnlyList<CancellationToken> stops, int index) => index < stops.Count ? stops[index] : CancellationToken.None;

    private static ResponseMetrics? MetricsOf(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue(ResponseMetrics.PropertyKey, out var value) == true ? value as ResponseMetrics : null;
}
