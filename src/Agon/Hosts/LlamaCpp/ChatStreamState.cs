namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// What <see cref="ChatChunkParser"/> keeps across the chunks of one stream: one <see cref="ChatChunk"/> refilled
/// per event (the reader is done with it before it asks for the next) and the strings every chunk repeats.
/// </summary>
internal sealed class ChatStreamState
{
    public ChatChunk Chunk { get; } = new();

    public RepeatedString Id { get; } = new();

    public RepeatedString Model { get; } = new();

    public RepeatedString FinishReason { get; } = new();
}
