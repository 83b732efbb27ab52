using Agon.Chat;

namespace Agon.Terminal;

/// <summary>
/// Chat for people: a single target streams its tokens to stdout as they arrive; compare prints each answer under
/// its header in <c>--target</c> order (an answer that finishes early waits for those before it), pipeline stage by
/// stage. Reasoning goes to stderr, dimmed; metrics as one line on stderr, prefixed with the target when there are
/// several; a length stop says which limit it met.
/// </summary>
internal sealed class TextChatView(IAgonConsole console, ChatMode mode, IReadOnlyList<ChatTarget> targets) : IChatObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ChatOutcome> _waiting = [];
    private readonly HashSet<int> _stagesShown = [];
    private int _nextToPrint;

    public void OnEvent(ChatEvent chatEvent)
    {
        lock (_gate)
        {
            switch (chatEvent.Kind)
            {
                case ChatEventKind.Note:
                    console.EndLine();
                    console.WriteNote("note: " + chatEvent.Text);
                    break;
                case ChatEventKind.ToolResult:
                    // Each call and what came back, on stderr: "→ current_time {} · 2 ms" then "← …".
                    console.EndModelText();
                    console.EndLine();
                    var prefix = mode == ChatMode.Single ? "" : $"[{chatEvent.Target.Label}] ";
                    foreach (var line in ToolLines.Of(chatEvent.Tool!))
                    {
                        console.WriteNote(prefix + line);
                    }

                    break;
                case ChatEventKind.Delta when mode == ChatMode.Single:
                    if (chatEvent.Reasoning)
                    {
                        console.WriteModelText(chatEvent.Text!, toError: true, TextStyle.Dim);
                    }
                    else
                    {
                        console.WriteModelText(chatEvent.Text!);
                    }

                    break;
                case ChatEventKind.Done or ChatEventKind.Error when mode == ChatMode.Single:
                    console.EndModelText();
                    console.EndLine();
                    Finish(chatEvent.Outcome!, label: false);
                    break;
                case ChatEventKind.Done or ChatEventKind.Error when mode == ChatMode.Compare:
                    InOrder(chatEvent.Outcome!);
                    break;
                case ChatEventKind.Error when chatEvent.Stage is { } stage && _stagesShown.Contains(stage):
                    // A stage already shown whose hand-off was then judged (invalid JSON): only the verdict follows.
                    console.WriteError($"[{chatEvent.Target.Label}] {chatEvent.Outcome!.Error}");
                    break;
                case ChatEventKind.Done or ChatEventKind.Error:
                    if (chatEvent.Stage is { } shown)
                    {
                        _stagesShown.Add(shown);
                    }

                    Block(chatEvent.Outcome!);
                    break;
            }
        }
    }

    /// <summary>What a length stop met, in parentheses after the answer, or null.</summary>
    public static string? LengthNote(ChatOutcome outcome) => LengthStop.Of(outcome) is { } stop ? $"({stop})" : null;

    private void InOrder(ChatOutcome outcome)
    {
        var index = IndexOf(outcome.Target);
        if (index < 0)
        {
            Block(outcome);
            return;
        }

        _waiting[index] = outcome;
        while (_waiting.Remove(_nextToPrint, out var next))
        {
            Block(next);
            _nextToPrint++;
        }
    }

    private int IndexOf(ChatTarget target)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            if (ReferenceEquals(targets[i], target))
            {
                return i;
            }
        }

        return -1;
    }

    private void Block(ChatOutcome outcome)
    {
        var title = outcome.Stage is { } stage ? $"── stage {stage} · {outcome.Target.Label} ──" : $"── {outcome.Target.Label} ──";
        console.WriteLine(title, TextStyle.Bold);
        if (outcome.Reasoning is { Length: > 0 } reasoning)
        {
            console.WriteModelText(reasoning.TrimEnd() + "\n", style: TextStyle.Dim);
        }

        if (outcome.Content.Length > 0)
        {
            console.WriteModelText(outcome.Content.TrimEnd() + "\n");
        }

        console.EndModelText();
        Finish(outcome, label: true);
        console.WriteLine();
    }

    private void Finish(ChatOutcome outcome, bool label)
    {
        var prefix = label ? $"[{outcome.Target.Label}] " : "";
        if (outcome.Error is not null)
        {
            console.WriteError(prefix + outcome.Error);
            return;
        }

        if (LengthNote(outcome) is { } note)
        {
            console.WriteNote(prefix + note);
        }

        var verdict = outcome.JsonValid switch
        {
            true => " · JSON valid",
            false => " · JSON invalid: " + string.Join("; ", outcome.JsonErrors),
            _ => "",
        };
        console.WriteNote(prefix + MetricsSummary.Format(outcome.Metrics) + verdict);
        if (outcome.Sources is { Count: > 0 } sources)
        {
            console.WriteNote(prefix + "sources: " + string.Join(", ", sources));
        }
    }
}
