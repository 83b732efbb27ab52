using System.Globalization;
using Agon.Chat;
using Agon.Storage;

namespace Agon.Conversations;

/// <summary>
/// The conversation side of one chat: finds the conversation <c>--continue</c> names, and decides where the
/// new turns go — the same conversation, a fork (other targets: a new conversation naming its parent, with the
/// history copied), or a new one. Saving can be off while a saved conversation is still read.
/// </summary>
internal sealed class ConversationKeeper(AgonDatabase database, TimeProvider timeProvider, bool save) : IDisposable
{
    public ConversationStore Store { get; } = new(database, timeProvider);

    public bool Saves => save;

    /// <summary>The conversation to continue: the one with <paramref name="id"/>, else the latest.</summary>
    public Conversation Resume(string? id)
    {
        long number;
        if (id is null)
        {
            number = Store.Latest() ?? throw AgonException.Usage($"--continue: no saved conversation in {Store.Path} yet; chat without --continue to start one");
        }
        else if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            throw AgonException.Usage($"--continue {id}: expected a conversation id, a number (agon history lists them)");
        }

        return Store.Load(number) ?? throw AgonException.Usage($"--continue {id}: no conversation {id} in {Store.Path} (agon history lists them)");
    }

    /// <summary>
    /// Where this run's turns go; null when saving is off. A continued conversation keeps its id unless the targets
    /// changed: then the turns so far are copied into a fork that names its parent.
    /// </summary>
    public ConversationRecorder? Begin(Conversation? previous, ChatMode mode, IReadOnlyList<string> targets, string? system, IChatObserver view)
    {
        if (!save)
        {
            return null;
        }

        long id;
        if (previous is not null && previous.Summary.Targets.SequenceEqual(targets, StringComparer.Ordinal))
        {
            id = previous.Id;
        }
        else
        {
            id = Store.Create(new ConversationStart(mode.ToString().ToLowerInvariant(), targets, system ?? previous?.System, previous?.Id));
            if (previous is not null)
            {
                Store.CopyTurns(previous.Id, id);
            }
        }

        return new ConversationRecorder(Store, id, view);
    }

    public void Dispose() => database.Dispose();
}
