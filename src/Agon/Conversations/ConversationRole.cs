namespace Agon.Conversations;

/// <summary>Who wrote a turn of a conversation.</summary>
internal enum ConversationRole
{
    /// <summary>The person at the keyboard: the prompt.</summary>
    User,

    /// <summary>A target's answer.</summary>
    Assistant,
}
