namespace Agon.Chat;

/// <summary>Receives a chat run's events; called from several targets at once, so implementations must be thread-safe.</summary>
internal interface IChatObserver
{
    void OnEvent(ChatEvent chatEvent);
}
