using System.Text;

namespace Agon.Terminal;

/// <summary>
/// Removes terminal control from text that arrives in pieces: whole escape sequences (CSI <c>ESC [ … m</c>, OSC
/// <c>ESC ] … BEL</c>, DCS/APC/PM/SOS strings up to their terminator, two-character <c>ESC x</c> sequences, and their
/// 8-bit C1 forms) and every other control character except newline, tab and carriage return. A sequence split across
/// pieces is held back until it ends, so no <c>[31m</c> is left behind; an unfinished one is dropped on
/// <see cref="Flush"/>.
/// </summary>
internal sealed class EscapeFilter
{
    private State _state;

    private enum State
    {
        Text,
        Escape,
        EscapeIntermediate,
        Csi,
        ControlString,
        ControlStringEscape,
    }

    /// <summary>Filters a whole text in one go.</summary>
    public static string Clean(string text)
    {
        if (!NeedsWork(text))
        {
            return text;
        }

        var filter = new EscapeFilter();
        return filter.Push(text);
    }

    /// <summary>Filters the next piece of a stream.</summary>
    public string Push(string text)
    {
        if (_state == State.Text && !NeedsWork(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            Step(c, builder);
        }

        return builder.ToString();
    }

    /// <summary>Ends the stream: an unfinished sequence is dropped.</summary>
    public void Flush() => _state = State.Text;

    private void Step(char c, StringBuilder output)
    {
        switch (_state)
        {
            case State.Text:
                if (c == '\u001b')
                {
                    _state = State.Escape;
                }
                else if (c == '\u009b')
                {
                    _state = State.Csi;
                }
                else if (c is '\u0090' or '\u0098' or '\u009d' or '\u009e' or '\u009f')
                {
                    _state = State.ControlString;
                }
                else if (!IsUnsafe(c))
                {
                    output.Append(c);
                }

                break;
            case State.Escape when c is < ' ' and not '\u001b':
            case State.EscapeIntermediate or State.Csi when c < ' ':
                // A control character (a newline, say) interrupts the sequence and counts as itself.
                _state = State.Text;
                Step(c, output);
                break;
            case State.Escape:
                _state = c switch
                {
                    '[' => State.Csi,
                    ']' or 'P' or 'X' or '^' or '_' => State.ControlString,
                    >= ' ' and <= '/' => State.EscapeIntermediate,
                    '\u001b' => State.Escape,
                    _ => State.Text,
                };
                break;
            case State.EscapeIntermediate:
                if (c is < ' ' or > '/')
                {
                    _state = State.Text;
                }

                break;
            case State.Csi:
                // Parameters and intermediates (0x20–0x3F) continue the sequence; a final byte (0x40–0x7E) ends it;
                // anything else ends it too, and is dropped with it.
                if (c is < ' ' or > '?')
                {
                    _state = State.Text;
                }

                break;
            case State.ControlString:
                if (c == '\u0007' || c == '\u009c')
                {
                    _state = State.Text;
                }
                else if (c == '\u001b')
                {
                    _state = State.ControlStringEscape;
                }

                break;
            case State.ControlStringEscape:
                _state = c == '\\' ? State.Text : State.ControlString;
                break;
        }
    }

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) => char.IsControl(c) && c is not '\n' and not '\t' and not '\r';
}
