using Agon.Mcp;

namespace Agon.Interactive;

/// <summary>A tool call waiting for the user's yes or no (<c>--confirm-tools</c>, or Ctrl+O in the chat).</summary>
internal sealed class ToolQuestion(ToolActivity call)
{
    private readonly TaskCompletionSource<bool> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ToolActivity Call { get; } = call;

    /// <summary>The question as the dialog shows it: the tool, its arguments and its server.</summary>
    public string Text => Terminal.ToolLines.Question(Call);

    public Task<bool> Answered => _answer.Task;

    /// <summary>True once answered (by the user, or no because the answer was stopped).</summary>
    public bool IsAnswered => _answer.Task.IsCompleted;

    public void Answer(bool call) => _answer.TrySetResult(call);
}
