using Agon.Chat;

namespace Agon.Terminal;

/// <summary>For <c>--output json</c>: the document is written at the end; only notes are shown (on stderr) meanwhile.</summary>
internal sealed class QuietChatView(IAgonConsole console) : IChatObserver
{
    public void OnEvent(ChatEvent chatEvent)
    {
        if (chatEvent.Kind == ChatEventKind.Note)
        {
            console.WriteNote("note: " + chatEvent.Text);
        }
    }
}
