using Agon.Chat;

namespace Agon.Terminal;

/// <summary>
/// Chat for people: a single target streams its tokens to stdout as they arrive; compare and pipeline print each
/// answer under a header when it completes. Reasoning goes to stderr, dimmed; metrics as one line on stderr.
/// </summary>
internal sealed class TextChatView(IAgonConsole console, ChatMode mode) : IChatObserver
{
    private readonly Lock _gate = new();
    private bool _midLine;

    public void OnEvent(ChatEvent chatEvent)
    {
        lock (_gate)
        {
            switch (chatEvent.Kind)
            {
                case ChatEventKind.Note:
                    EndLine();
                    console.WriteNote("note: " + chatEvent.Text);
                    break;
                case ChatEventKind.Delta when mode == ChatMode.Single:
                    if (chatEvent.Reasoning)
                    {
                        console.Error.Write(ConsoleText.Sanitize(chatEvent.Text!));
                    }
                    else
                    {
                        console.Write(chatEvent.Text!);
                        _midLine = !chatEvent.Text!.EndsWith('\n');
                    }

                    break;
                case ChatEventKind.Done or ChatEventKind.Error when mode == ChatMode.Single:
                    EndLine();
                    Finish(chatEvent.Outcome!);
                    break;
                case ChatEventKind.Done or ChatEventKind.Error:
                    Block(chatEvent.Outcome!);
                    break;
            }
        }
    }

    private void Block(ChatOutcome outcome)
    {
        var title = outcome.Stage is { } stage ? $"── stage {stage} · {outcome.Target.Label} ──" : $"── {outcome.Target.Label} ──";
        console.WriteLine(title, TextStyle.Bold);
        if (outcome.Reasoning is { Length: > 0 } reasoning)
        {
            console.WriteLine(reasoning.TrimEnd(), TextStyle.Dim);
        }

        if (outcome.Content.Length > 0)
        {
            console.WriteLine(outcome.Content.TrimEnd());
        }

        Finish(outcome);
        console.WriteLine();
    }

    private void Finish(ChatOutcome outcome)
    {
        if (outcome.Error is not null)
        {
            console.WriteError(outcome.Error);
            return;
        }

        var verdict = outcome.JsonValid switch
        {
            true => " · JSON valid",
            false => " · JSON invalid: " + string.Join("; ", outcome.JsonErrors),
            _ => "",
        };
        console.WriteNote(MetricsSummary.Format(outcome.Metrics) + verdict);
    }

    private void EndLine()
    {
        if (_midLine)
        {
            console.WriteLine();
            _midLine = false;
        }
    }
}
