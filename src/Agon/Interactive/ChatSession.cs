using Agon.Chat;
using Agon.Conversations;
using Agon.Terminal;
using Microsoft.Extensions.AI;

namespace Agon.Interactive;

/// <summary>
/// The interactive chat without the terminal: panes (one per target, or per pipeline stage), each with its own
/// history, fed by the chat engine's events; sending, stopping one pane or all, retrying, a new conversation,
/// prompt recall, and saving through the conversation store. Engine events arrive on any thread; every change
/// of pane state happens under <see cref="Gate"/>, which a screen takes while it reads, and raises
/// <see cref="Changed"/> (which the screen coalesces into redraws).
/// </summary>
internal sealed class ChatSession : IChatObserver, IDisposable
{
    private readonly ChatEngine _engine;
    private readonly ConversationKeeper? _keeper;
    private readonly List<ChatPane> _panes;
    private readonly List<string> _prompts = [];
    private readonly List<ToolQuestion> _questions = [];
    private readonly CancellationTokenSource _closing = new();
    private Conversation? _forkFrom;
    private ConversationRecorder? _recorder;
    private string? _savedSystem;
    private int _recall;
    private string? _lastPrompt;
    private Task _run = Task.CompletedTask;
    private bool _closed;

    public ChatSession(ChatEngine engine, ChatRequest settings, IReadOnlyList<ChatTarget> targets, ConversationKeeper? keeper = null, Conversation? previous = null)
    {
        if (targets.Count is 0 or > ChatEngine.MaxTargets)
        {
            throw AgonException.Usage($"a chat takes one to {ChatEngine.MaxTargets} targets, got {targets.Count}");
        }

        _engine = engine;
        _keeper = keeper;
        Settings = settings;
        _panes = [.. targets.Select((t, i) => new ChatPane(t, settings.Mode == ChatMode.Pipeline ? i + 1 : null))];
        if (previous is not null)
        {
            Open(previous);
        }
    }

    /// <summary>Called with the answers after each run (<c>metrics: true</c> records them).</summary>
    public Func<IReadOnlyList<ChatOutcome>, CancellationToken, Task>? Finished { get; init; }

    /// <summary>With <c>--rag</c>: retrieves the context for each prompt before it is sent (a failure is the notice line, nothing is sent).</summary>
    public Func<string, CancellationToken, Task<ChatContext?>>? Retrieve { get; init; }

    /// <summary>Raised after any change of pane state (from any thread).</summary>
    public event Action? Changed;

    /// <summary>Taken by the engine's events while they change pane state, and by a screen while it reads it.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The mode, system prompt, parameters and JSON settings every send uses (F3/F4 edit them).</summary>
    public ChatRequest Settings { get; set; }

    public ChatMode Mode => Settings.Mode;

    public IReadOnlyList<ChatPane> Panes => _panes;

    public bool Running { get; private set; }

    /// <summary>The last thing Agon said about the run (a scheduling note, a skipped stage, where the chat is saved).</summary>
    public string Notice { get; private set; } = "";

    /// <summary>The saved conversation this chat writes to, once the first prompt was sent.</summary>
    public long? ConversationId => _recorder?.ConversationId ?? _forkFrom?.Id;

    /// <summary>Whether each tool call waits for the user's yes (<c>--confirm-tools</c>; Ctrl+O turns it on and off).</summary>
    public bool ConfirmTools { get; set; }

    /// <summary>The oldest tool call waiting for the user's answer, or null.</summary>
    public ToolQuestion? PendingQuestion
    {
        get
        {
            lock (Gate)
            {
                return _questions.FirstOrDefault();
            }
        }
    }

    /// <summary>
    /// The engine's confirmation hook: with <see cref="ConfirmTools"/> on, the call waits as a
    /// <see cref="PendingQuestion"/> until the screen answers it; stopping the answer says no.
    /// </summary>
    public async Task<bool> ConfirmToolAsync(Mcp.ToolActivity call, CancellationToken cancellationToken)
    {
        if (!ConfirmTools)
        {
            return true;
        }

        var question = new ToolQuestion(call);
        lock (Gate)
        {
            _questions.Add(question);
            Notice = question.Text + " (Enter calls, Esc skips)";
        }

        Changed?.Invoke();
        bool yes;
        using (cancellationToken.Register(() => question.Answer(false)))
        {
            yes = await question.Answered;
        }

        lock (Gate)
        {
            _questions.Remove(question);
            if (!cancellationToken.IsCancellationRequested)
            {
                Notice = $"{(yes ? "called" : "skipped")} {call.Name}";
            }
        }

        Changed?.Invoke();
        return yes;
    }

    /// <summary>Ctrl+O: turns the question before each tool call on or off, and says which.</summary>
    public void ToggleConfirmTools()
    {
        lock (Gate)
        {
            ConfirmTools = !ConfirmTools;
            Notice = ConfirmTools ? "tool calls: ask before each" : "tool calls: run without asking";
        }

        Changed?.Invoke();
    }

    /// <summary>The current run (tests await it).</summary>
    public Task Run => _run;

    /// <summary>Sends <paramref name="prompt"/> to every pane (compare, single) or to stage 1 (pipeline).</summary>
    public Task SendAsync(string prompt) => Start(prompt, _panes);

    /// <summary>Sends the last prompt again to the panes whose answer failed or was stopped (a pipeline runs again).</summary>
    public Task RetryAsync()
    {
        List<ChatPane> panes;
        lock (Gate)
        {
            panes = Mode == ChatMode.Pipeline ? _panes : [.. _panes.Where(p => p.Status is PaneStatus.Error or PaneStatus.Stopped)];
        }

        return _lastPrompt is null || panes.Count == 0 ? Task.CompletedTask : Start(_lastPrompt, panes, retry: true);
    }

    /// <summary>Stops the answer of one pane (or of all); returns whether anything was running.</summary>
    public bool Stop(int? pane = null)
    {
        lock (Gate)
        {
            if (!Running)
            {
                return false;
            }

            foreach (var p in pane is { } i ? _panes.Skip(i).Take(1) : _panes)
            {
                p.Stop?.Cancel();
            }

            return true;
        }
    }

    /// <summary>Ctrl+C: stops a running answer (false: stay), or says to quit when nothing runs (true).</summary>
    public bool Interrupt() => !Stop();

    /// <summary>Ctrl+N: empty panes and histories; the next prompt starts a new saved conversation.</summary>
    public void NewConversation()
    {
        lock (Gate)
        {
            if (Running)
            {
                Notice = "stop the answer first (Esc)";
                return;
            }

            foreach (var pane in _panes)
            {
                pane.Buffer.Clear();
                pane.History.Clear();
                pane.Status = PaneStatus.Idle;
                pane.Footer = "";
                pane.Outcome = null;
            }

            _recorder = null;
            _forkFrom = null;
            Notice = "new conversation";
        }

        Changed?.Invoke();
    }

    /// <summary>
    /// The target picker's choice for one pane: the pane keeps its history (the new model gets the conversation so
    /// far) and, once the next prompt is sent, the saved conversation forks onto the new targets.
    /// </summary>
    public void Retarget(int pane, ChatTarget target)
    {
        lock (Gate)
        {
            if (Running || pane < 0 || pane >= _panes.Count)
            {
                return;
            }

            _panes[pane].Target = target;
            if (_recorder is not null && _keeper is not null)
            {
                _forkFrom = _keeper.Store.Load(_recorder.ConversationId);
                _recorder = null;
            }

            Notice = $"pane {pane + 1}: {target.Label}";
        }

        Changed?.Invoke();
    }

    /// <summary>Up: the prompt before the one shown (null at the first).</summary>
    public string? RecallPrevious()
    {
        lock (Gate)
        {
            if (_prompts.Count == 0)
            {
                return null;
            }

            _recall = Math.Max(0, _recall - 1);
            return _prompts[_recall];
        }
    }

    /// <summary>Down: the next prompt, or an empty line past the last.</summary>
    public string RecallNext()
    {
        lock (Gate)
        {
            _recall = Math.Min(_prompts.Count, _recall + 1);
            return _recall < _prompts.Count ? _prompts[_recall] : "";
        }
    }

    /// <summary>The last answers, in pane order (pipeline export).</summary>
    public IReadOnlyList<ChatOutcome> Outcomes()
    {
        lock (Gate)
        {
            return [.. _panes.Select(p => p.Outcome).OfType<ChatOutcome>()];
        }
    }

    public string? LastPrompt => _lastPrompt;

    /// <summary>A line of Agon's own in the notice bar (an editor's result, an export).</summary>
    public void Say(string notice)
    {
        lock (Gate)
        {
            Notice = notice;
        }

        Changed?.Invoke();
    }

    /// <summary>A line of Agon's own in one pane (a load's progress, its failure).</summary>
    public void Note(int pane, string text, bool error = false)
    {
        lock (Gate)
        {
            if (pane >= 0 && pane < _panes.Count)
            {
                _panes[pane].Buffer.Append(error ? StreamBlockKind.Error : StreamBlockKind.Note, text);
                _panes[pane].Footer = text;
            }
        }

        Changed?.Invoke();
    }

    public void OnEvent(ChatEvent chatEvent)
    {
        lock (Gate)
        {
            var pane = PaneOf(chatEvent);
            switch (chatEvent.Kind)
            {
                case ChatEventKind.Start when pane is not null:
                    pane.Status = PaneStatus.Streaming;
                    pane.Footer = "streaming";
                    if (pane.Stage is > 1 and var stage && _panes[stage - 2].Outcome is { } before)
                    {
                        var words = before.Content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
                        pane.Buffer.Append(StreamBlockKind.Note, $"← hand-off from stage {stage - 1}: {words} words");
                    }

                    break;
                case ChatEventKind.Delta when pane is not null && chatEvent.Text is { } text:
                    pane.Buffer.Append(chatEvent.Reasoning ? StreamBlockKind.Reasoning : StreamBlockKind.Answer, text);
                    break;
                case ChatEventKind.ToolCall when pane is not null && chatEvent.Tool is { } call:
                    pane.Footer = $"calling {call.Name}{(call.Server is null ? "" : " on " + call.Server)}…";
                    break;
                case ChatEventKind.ToolResult when pane is not null && chatEvent.Tool is { } tool:
                    pane.Footer = "streaming";
                    // Inline and collapsed: one line per call with its result cut short.
                    pane.Buffer.Append(StreamBlockKind.Note, "▸ " + string.Join("  ", Terminal.ToolLines.Of(tool)));
                    break;
                case ChatEventKind.Done when pane is not null && chatEvent.Outcome is { } done:
                    pane.Outcome = done;
                    pane.Status = PaneStatus.Done;
                    pane.Footer = Footer(done);
                    if (done.Sources is { Count: > 0 } sources)
                    {
                        pane.Buffer.Append(StreamBlockKind.Note, "sources: " + string.Join(", ", sources));
                    }

                    break;
                case ChatEventKind.Error when pane is not null && chatEvent.Outcome is { } failed:
                    pane.Outcome = failed;
                    pane.Status = failed.Cancelled ? PaneStatus.Stopped : PaneStatus.Error;
                    pane.Footer = failed.Cancelled ? "stopped (Ctrl+R retries)" : failed.Error + " (Ctrl+R retries, F2 picks another target)";
                    pane.Buffer.Append(StreamBlockKind.Error, failed.Cancelled ? "stopped" : "error: " + failed.Error);
                    break;
                case ChatEventKind.Note:
                    Notice = chatEvent.Text ?? "";
                    if (pane is not null && chatEvent.Stage is not null && Notice.Contains("did not run", StringComparison.Ordinal))
                    {
                        pane.Status = PaneStatus.Skipped;
                        pane.Footer = Notice;
                    }
                    else if (pane is not null && pane.Status == PaneStatus.Waiting)
                    {
                        pane.Footer = "waiting its turn";
                    }

                    break;
            }
        }

        Changed?.Invoke();
    }

    /// <summary>Quitting (any way: a key, an error, SIGTERM): stops what runs and waits for it, so a partial answer is saved as cancelled.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _closing.Cancel();
        try
        {
            _run.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The run's own failures are in its panes already.
        }
    }

    public void Dispose()
    {
        Close();
        _closing.Dispose();
    }

    private static string Footer(ChatOutcome outcome)
    {
        var line = MetricsSummary.Format(outcome.Metrics);
        if (outcome.JsonValid is { } valid)
        {
            line = (valid ? "JSON ok" : "JSON invalid: " + string.Join("; ", outcome.JsonErrors)) + (line.Length > 0 ? " · " + line : "");
        }

        if (LengthStop.Of(outcome) is { } stop)
        {
            line = stop + (line.Length > 0 ? " · " + line : "");
        }

        return line.Length > 0 ? line : "done";
    }

    private ChatPane? PaneOf(ChatEvent chatEvent) =>
        chatEvent.Stage is { } stage && Mode == ChatMode.Pipeline
            ? _panes.ElementAtOrDefault(stage - 1)
            : _panes.FirstOrDefault(p => ReferenceEquals(p.Target, chatEvent.Target) && p.Status is PaneStatus.Waiting or PaneStatus.Streaming)
              ?? _panes.FirstOrDefault(p => ReferenceEquals(p.Target, chatEvent.Target));

    private Task Start(string prompt, List<ChatPane> panes, bool retry = false)
    {
        prompt = prompt.TrimEnd('\n', '\r');
        if (prompt.Trim().Length == 0)
        {
            return Task.CompletedTask;
        }

        lock (Gate)
        {
            if (Running)
            {
                Notice = "an answer is running (Esc stops it)";
                return Task.CompletedTask;
            }

            Running = true;
            _lastPrompt = prompt;
            if (!retry)
            {
                _prompts.Add(prompt);
            }

            _recall = _prompts.Count;
            foreach (var pane in panes)
            {
                pane.Stop = new CancellationTokenSource();
                pane.Status = PaneStatus.Waiting;
                pane.Footer = "waiting for the model";
                pane.Outcome = null;
                if (Mode != ChatMode.Pipeline || pane.Stage == 1 || retry)
                {
                    pane.Buffer.Append(StreamBlockKind.Prompt, "> " + prompt);
                }
            }
        }

        Changed?.Invoke();
        _run = Task.Run(() => RunAsync(prompt, panes));
        return _run;
    }

    private async Task RunAsync(string prompt, List<ChatPane> panes)
    {
        var request = Settings with { Prompt = prompt, History = [.. panes.Select(p => (IReadOnlyList<ChatMessage>)[.. p.History])] };
        var targets = panes.Select(p => p.Target).ToList();
        IChatObserver observer = this;
        try
        {
            if (_recorder is null && _keeper?.Begin(_forkFrom, Mode, [.. _panes.Select(p => p.Target.Label)], Settings.System, this) is { } begun)
            {
                _recorder = begun;
                _savedSystem = Settings.System ?? _forkFrom?.System;
            }

            _forkFrom = null;
            if (_recorder is not null)
            {
                if (!string.Equals(_savedSystem, Settings.System, StringComparison.Ordinal))
                {
                    _recorder.RecordSystem(Settings.System);
                    _savedSystem = Settings.System;
                }

                _recorder.RecordPrompt(prompt);
                observer = _recorder;
            }

            if (Retrieve is { } retrieve)
            {
                request = request with { Context = await retrieve(prompt, _closing.Token) };
            }

            var outcomes = await _engine.RunAsync(request, targets, observer, _closing.Token, [.. panes.Select(p => p.Stop!.Token)]);
            if (Finished is { } finished)
            {
                await finished(outcomes, _closing.Token);
            }
        }
        catch (OperationCanceledException)
        {
            _recorder?.RecordCancelled();
        }
        catch (AgonException ex)
        {
            lock (Gate)
            {
                Notice = ex.Message;
            }
        }
        finally
        {
            lock (Gate)
            {
                foreach (var pane in panes)
                {
                    pane.History.Add(new ChatMessage(ChatRole.User, prompt));
                    if (pane.Outcome is { Failed: false } outcome)
                    {
                        pane.History.Add(new ChatMessage(ChatRole.Assistant, outcome.Content));
                    }

                    if (pane.Status is PaneStatus.Waiting or PaneStatus.Streaming)
                    {
                        pane.Status = PaneStatus.Stopped;
                        pane.Footer = "stopped";
                    }

                    pane.Stop?.Dispose();
                    pane.Stop = null;
                }

                if (_recorder?.Problem is { } problem)
                {
                    Notice = problem;
                }

                Running = false;
            }

            Changed?.Invoke();
        }
    }

    /// <summary>A saved conversation opened with <c>--continue</c>: each pane shows and remembers what its target was told.</summary>
    private void Open(Conversation previous)
    {
        foreach (var pane in _panes)
        {
            foreach (var message in previous.HistoryFor(pane.Target.Label))
            {
                pane.History.Add(message);
                pane.Buffer.Append(message.Role == ChatRole.User ? StreamBlockKind.Prompt : StreamBlockKind.Answer, (message.Role == ChatRole.User ? "> " : "") + message.Text);
            }
        }

        _prompts.AddRange(previous.Turns.Where(t => t.Role == ConversationRole.User).Select(t => t.Text));
        _recall = _prompts.Count;
        if (_keeper is not null && previous.Summary.Targets.SequenceEqual(_panes.Select(p => p.Target.Label), StringComparer.Ordinal))
        {
            _recorder = _keeper.Saves ? new ConversationRecorder(_keeper.Store, previous.Id, this) : null;
            _savedSystem = previous.System;
        }
        else
        {
            _forkFrom = previous;
        }

        Notice = $"conversation {previous.Id}";
    }
}
