using Agon.Chat;

namespace Agon.Benchmarks;

/// <summary>Benchmark answers are measured, not shown.</summary>
internal sealed class SilentChatObserver : IChatObserver
{
    public static SilentChatObserver Instance { get; } = new();

    public void OnEvent(ChatEvent chatEvent)
    {
    }
}
