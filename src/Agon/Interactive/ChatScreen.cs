using Agon.Chat;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Agon.Interactive;

/// <summary>
/// The interactive chat's one screen: a column per pane (one at a time below <see cref="NarrowWidth"/> columns,
/// Tab switches), a notice line, the prompt line and a status bar generated from <see cref="ChatKeys"/>. It only
/// renders the <see cref="ChatSession"/>; keys are taken before any view sees them, so plain letters always type.
/// </summary>
internal sealed class ChatScreen : Window
{
    public const int NarrowWidth = 60;

    /// <summary>The most earlier lines of a multi-line prompt shown above the prompt line (the rest are counted).</summary>
    public const int MaxPendingLines = 6;

    private readonly IApplication _app;
    private readonly ChatSession _session;
    private readonly ChatScreenOptions _options;
    private readonly List<(FrameView Frame, StreamPaneView View, Label Footer)> _columns = [];
    private readonly Label _notice;
    private readonly Label _pending;
    private readonly TextField _input;
    private readonly List<(Key Key, ChatAction Action)> _bindings = [];
    private readonly CoalescingRedraw _redraw;
    private string _pendingText = "";

    /// <summary>The prompt typed so far: earlier lines (Alt+Enter, Ctrl+J) and the line being typed.</summary>
    public string PromptText => _pendingText + _input.Text;
    private int _current;
    private bool _showReasoning = true;
    private bool _narrow;
    private bool _asking;
    private volatile bool _live;

    public ChatScreen(IApplication app, ChatSession session, ChatScreenOptions options, TimeProvider timeProvider)
    {
        _app = app;
        _session = session;
        _options = options;
        Title = options.Title;
        foreach (var pane in session.Panes)
        {
            var frame = new FrameView { Y = 0, Height = Dim.Fill(4) };
            var view = new StreamPaneView(session, pane, () => _showReasoning);
            var footer = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
            frame.Add(view, footer);
            _columns.Add((frame, view, footer));
            Add(frame);
        }

        _notice = new Label { X = 0, Y = Pos.AnchorEnd(4), Width = Dim.Fill(), Height = 1 };
        _pending = new Label { X = 0, Y = Pos.AnchorEnd(3), Width = Dim.Fill(), Height = 1 };
        _input = new TextField { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill() };
        var status = new StatusBar([.. ChatKeys.All.Where(k => k.InStatusBar is not null).Select(k => new Shortcut(Parse(k.Keys[0]), k.InStatusBar!, null))]);
        Add(_notice, _pending, _input, status);
        foreach (var key in ChatKeys.All)
        {
            foreach (var spelling in key.Bound)
            {
                _bindings.Add((Parse(spelling), key.Action));
            }
        }

        _redraw = new CoalescingRedraw(timeProvider, () =>
        {
            if (_live)
            {
                _app.Invoke(Refresh);
            }
        });
        session.Changed += _redraw.Notify;
        app.Keyboard.KeyDown += OnAppKeyDown;
        app.ScreenChanged += (_, _) => Relayout();
        Initialized += (_, _) =>
        {
            _live = true;
            Relayout();
            Refresh();
            _input.SetFocus();
        };
    }

    /// <summary>Redraws caused by engine events so far (the coalescing timer's count).</summary>
    public long Redraws => _redraw.Redraws;

    /// <summary>The pane Tab has reached (the one PgUp/PgDn scroll and Esc stops).</summary>
    public int CurrentPane => _current;

    /// <summary>Called by the run loop's owner when the screen stops: no more cross-thread redraws.</summary>
    public void Close()
    {
        _live = false;
        _session.Changed -= _redraw.Notify;
        _app.Keyboard.KeyDown -= OnAppKeyDown;
        _redraw.Dispose();
    }

    /// <summary>Copies pane state (titles, footers, notice) to the views and redraws the panes whose text changed.</summary>
    public void Refresh()
    {
        lock (_session.Gate)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                var pane = _session.Panes[i];
                var (frame, view, footer) = _columns[i];
                frame.Title = pane.Title + (pane.StatusWord.Length > 0 ? " · " + pane.StatusWord : "") + (_narrow && _columns.Count > 1 ? $" ({i + 1}/{_columns.Count}, Tab)" : "");
                footer.Text = pane.Footer;
                if (view.Stale)
                {
                    view.SetNeedsDraw();
                }
            }

            _notice.Text = _session.Notice;
            if (!_asking && _session.PendingQuestion is { } question)
            {
                _asking = true;
                Later(() => Ask(question));
            }
        }

    }

    /// <summary>
    /// The earlier lines of a multi-line prompt (each ending in a newline) stand above the prompt line, which keeps
    /// the line being typed; the input area grows with them (up to <see cref="MaxPendingLines"/>) and the panes shrink.
    /// </summary>
    private void SetPending(string pending)
    {
        _pendingText = pending;
        List<string> lines = pending.Length == 0 ? [] : [.. pending[..^1].Split('\n')];
        if (lines.Count > MaxPendingLines)
        {
            var hidden = lines.Count - MaxPendingLines + 1;
            lines = [$"… {hidden} more line{(hidden == 1 ? "" : "s")}", .. lines[^(MaxPendingLines - 1)..]];
        }

        var rows = Math.Max(1, lines.Count);
        _pending.Text = string.Join("\n", lines);
        _pending.Height = rows;
        _pending.Y = Pos.AnchorEnd(2 + rows);
        _notice.Y = Pos.AnchorEnd(3 + rows);
        foreach (var (frame, _, _) in _columns)
        {
            frame.Height = Dim.Fill(3 + rows);
        }

        SetNeedsLayout();
    }

    /// <summary>Side by side at 60 columns and more; below that, one pane at a time.</summary>
    public void Relayout()
    {
        var width = _app.Screen.Width;
        _narrow = width < NarrowWidth && _columns.Count > 1;
        for (var i = 0; i < _columns.Count; i++)
        {
            var frame = _columns[i].Frame;
            if (_narrow)
            {
                frame.X = 0;
                frame.Width = Dim.Fill();
                frame.Visible = i == _current;
            }
            else
            {
                frame.X = Pos.Percent(i * 100 / _columns.Count);
                frame.Width = i == _columns.Count - 1 ? Dim.Fill() : Dim.Percent(100 / _columns.Count);
                frame.Visible = true;
            }
        }

        SetNeedsLayout();
        Refresh();
    }

    private static Key Parse(string spelling) =>
        Key.TryParse(spelling, out var key) ? key : throw new InvalidOperationException($"key table: cannot read '{spelling}'");

    private void OnAppKeyDown(object? sender, Key key)
    {
        if (!_live)
        {
            return;
        }

        // Dialogs (picker, help, editors) get their keys as usual; only the redraw key works over them too.
        var onTop = ReferenceEquals(_app.TopRunnableView, this);
        foreach (var (bound, action) in _bindings)
        {
            if (bound == key && (onTop || action == ChatAction.Redraw))
            {
                key.Handled = Do(action);
                return;
            }
        }
    }

    private bool Do(ChatAction action)
    {
        var (_, view, _) = _columns[_current];
        switch (action)
        {
            case ChatAction.Send:
                var text = _pendingText + _input.Text;
                SetPending("");
                _input.Text = "";
                _ = _session.SendAsync(text);
                break;
            case ChatAction.Newline:
                SetPending(_pendingText + _input.Text + "\n");
                _input.Text = "";
                break;
            case ChatAction.RecallPrevious when _session.RecallPrevious() is { } earlier:
                SetInput(earlier);
                break;
            case ChatAction.RecallNext:
                SetInput(_session.RecallNext());
                break;
            case ChatAction.Stop:
                _session.Stop(_columns.Any(c => c.View.HasFocus) ? _current : null);
                break;
            case ChatAction.Interrupt when _session.Interrupt():
            case ChatAction.Quit:
                _app.RequestStop();
                break;
            case ChatAction.NewConversation:
                _session.NewConversation();
                break;
            case ChatAction.Retry:
                _ = _session.RetryAsync();
                break;
            case ChatAction.Redraw:
                // A pane sends only the rows that changed, so text another program wrote over the screen stays until
                // this clears Terminal.Gui's buffer and every cell is sent again.
                _app.ClearScreenNextIteration = true;
                SetNeedsDraw();
                break;
            case ChatAction.ToggleReasoning:
                _showReasoning = !_showReasoning;
                _columns.ForEach(c => c.View.SetNeedsDraw());
                break;
            case ChatAction.PageUp:
                view.ScrollPage(-1);
                break;
            case ChatAction.PageDown:
                view.ScrollPage(1);
                break;
            case ChatAction.Top:
                view.ScrollHome();
                break;
            case ChatAction.Bottom:
                view.ScrollEnd();
                break;
            case ChatAction.NextPane:
                MoveFocus(1);
                break;
            case ChatAction.PreviousPane:
                MoveFocus(-1);
                break;
            case ChatAction.Help:
                Later(() => MessageBox.Query(_app, "Keys", ChatKeys.Help(), "Close"));
                break;
            case ChatAction.PickTarget:
                var pane = _current;
                Later(() => TargetPickerDialog.Show(_app, _session, pane, _options.Catalog));
                break;
            case ChatAction.EditSystem:
                Later(() => Edit("System prompt", _session.Settings.System ?? "", text => _session.Settings = _session.Settings with { System = text.Length == 0 ? null : text }));
                break;
            case ChatAction.EditParameters:
                Later(() => Edit("Parameters (key=value …)", string.Join(" ", _session.Settings.Parameters.Select(p => $"{p.Key}={p.Value.GetRawText()}")), text =>
                    _session.Settings = _session.Settings with { Parameters = ChatParameters.ParseFlags(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)) }));
                break;
            case ChatAction.ToggleToolConfirm:
                _session.ToggleConfirmTools();
                break;
            case ChatAction.Export:
                _session.Say(_options.Export?.Invoke(_session) ?? "export: only a pipeline exports");
                break;
            default:
                return false;
        }

        Refresh();
        return true;
    }

    /// <summary>A dialog runs its own loop: start it from the main loop, not inside the key handler that asked for it.</summary>
    private void Later(Action show) => _app.AddTimeout(TimeSpan.Zero, () =>
    {
        show();
        Refresh();
        return false;
    });

    /// <summary>A recalled prompt: its last line to edit, the lines before it above.</summary>
    private void SetInput(string text)
    {
        var last = text.LastIndexOf('\n');
        SetPending(last < 0 ? "" : text[..(last + 1)]);
        _input.Text = text[(last + 1)..];
        _input.InsertionPoint = _input.Text.Length;
    }

    /// <summary>Tab: the next pane (in narrow mode, the one shown); after the last, back to the prompt.</summary>
    private void MoveFocus(int step)
    {
        var onInput = _input.HasFocus;
        if (onInput)
        {
            _current = step > 0 ? 0 : _columns.Count - 1;
        }
        else if (_current + step < 0 || _current + step >= _columns.Count)
        {
            _input.SetFocus();
            Relayout();
            return;
        }
        else
        {
            _current += step;
        }

        Relayout();
        _columns[_current].View.SetFocus();
    }

    /// <summary>A tool call waiting for a yes: Enter (the default button) calls it, Esc or Skip does not.</summary>
    private void Ask(ToolQuestion question)
    {
        if (!question.IsAnswered)
        {
            question.Answer(MessageBox.Query(_app, "Tool call", question.Text, "Skip", "Call") == 1);
        }

        _asking = false;
    }

    private void Edit(string title, string value, Action<string> apply)
    {
        var field = new TextField { Text = value, X = 1, Y = 1, Width = Dim.Fill(1) };
        var dialog = new Dialog { Title = title + " (Enter sets, Esc cancels)", Width = Dim.Percent(80), Height = 7 };
        dialog.Add(field);
        dialog.AddButton(new Button { Text = "OK", IsDefault = true });
        dialog.AddButton(new Button { Text = "Cancel" });
        // Enter in the field accepts the dialog too, without a button's result: remember it.
        var entered = false;
        field.Accepting += (_, _) => entered = true;
        _app.Run(dialog);
        if (entered || dialog.Result is 0)
        {
            try
            {
                apply(field.Text.Trim());
                _session.Say(title + " set");
            }
            catch (AgonException ex)
            {
                _session.Say(ex.Message);
            }
        }

        dialog.Dispose();
    }
}
