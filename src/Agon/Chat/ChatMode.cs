namespace Agon.Chat;

/// <summary>How the targets of one chat run relate.</summary>
internal enum ChatMode
{
    /// <summary>One target.</summary>
    Single,

    /// <summary>Two to four targets answer the same prompt, in parallel where hosts allow.</summary>
    Compare,

    /// <summary>Targets in stage order; each stage gets the prompt and the previous stage's answer.</summary>
    Pipeline,
}
