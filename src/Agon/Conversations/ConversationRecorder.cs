using System.Text;
using Agon.Chat;

namespace Agon.Conversations;

/// <summary>
/// Writes a chat run into its conversation as it goes: the prompt before the run, each answer the moment it ends
/// (done or failed), and — when the run is stopped — the partial text of every answer still running, marked as
/// cancelled. Passes every event on to the front end first. Thread-safe (targets answer at once).
/// </summary>
internal sealed class ConversationRecorder(ConversationStore store, long conversationId, IChatObserver inner) : IChatObserver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(ChatTarget Target, int? Stage), (StringBuilder Text, StringBuilder Reasoning)> _running = [];
    private readonly HashSet<(ChatTarget Target, int? Stage)> _written = [];

    // The answer the last delta went to: deltas come in runs per answer, so most skip the dictionary (and hashing the
    // target's name) altogether.
    private (ChatTarget? Target, int? Stage, StringBuilder Text, StringBuilder Reasoning) _last;

    public long ConversationId => conversationId;

    /// <summary>The first write that failed (the chat goes on; the command says so at the end).</summary>
    public string? Problem { get; private set; }

    public void RecordPrompt(string prompt) =>
        Save(new ConversationTurn { Role = ConversationRole.User, Text = prompt });

    /// <summary>The system prompt was edited (F3): the conversation goes on with the new one.</summary>
    public void RecordSystem(string? system)
    {
        try
        {
            store.SetSystem(conversationId, system);
        }
        catch (AgonException ex)
        {
            Problem ??= $"the conversation was not saved completely: {ex.Message}";
        }
    }

    public void OnEvent(ChatEvent chatEvent)
    {
        inner.OnEvent(chatEvent);
        var key = (chatEvent.Target, chatEvent.Stage);
        lock (_lock)
        {
            switch (chatEvent.Kind)
            {
                case ChatEventKind.Start:
                    _running[key] = (new StringBuilder(), new StringBuilder());
                    _written.Remove(key);
                    _last = default;
                    break;
                case ChatEventKind.Delta when ReferenceEquals(_last.Target, chatEvent.Target) && _last.Stage == chatEvent.Stage:
                    (chatEvent.Reasoning ? _last.Reasoning : _last.Text).Append(chatEvent.Text);
                    break;
                case ChatEventKind.Delta when _running.TryGetValue(key, out var buffers):
                    _last = (chatEvent.Target, chatEvent.Stage, buffers.Text, buffers.Reasoning);
                    (chatEvent.Reasoning ? buffers.Reasoning : buffers.Text).Append(chatEvent.Text);
                    break;
                case ChatEventKind.Done or ChatEventKind.Error when chatEvent.Outcome is { } outcome && _written.Add(key):
                    // A pipeline stage whose JSON is refused reports Done, then Error: the answer is stored once.
                    _running.Remove(key);
                    _last = default;
                    Save(Answer(outcome));
                    break;
            }
        }
    }

    /// <summary>The run was stopped: stores what had arrived of each unfinished answer, marked as cancelled.</summary>
    public void RecordCancelled()
    {
        lock (_lock)
        {
            foreach (var ((target, stage), (text, reasoning)) in _running)
            {
                Save(new ConversationTurn
                {
                    Role = ConversationRole.Assistant,
                    Target = target.Label,
                    Stage = stage,
                    Text = text.ToString(),
                    Reasoning = reasoning.Length > 0 ? reasoning.ToString() : null,
                    Cancelled = true,
                });
            }

            _running.Clear();
            _last = default;
        }
    }

    public static ConversationTurn Answer(ChatOutcome outcome) => new()
    {
        Role = ConversationRole.Assistant,
        Target = outcome.Target.Label,
        Stage = outcome.Stage,
        Text = outcome.Content,
        Reasoning = outcome.Reasoning,
        System = outcome.System,
        Parameters = outcome.Parameters,
        JsonValid = outcome.JsonValid,
        JsonErrors = outcome.JsonErrors,
        Error = outcome.Error,
        Cancelled = outcome.Cancelled,
        FinishReason = outcome.FinishReason,
        Metrics = outcome.Metrics,
    };

    private void Save(ConversationTurn turn)
    {
        try
        {
            store.Append(conversationId, turn);
        }
        catch (AgonException ex)
        {
            Problem ??= $"the conversation was not saved completely: {ex.Message}";
        }
    }
}
