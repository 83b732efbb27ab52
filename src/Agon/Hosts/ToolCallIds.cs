namespace Agon.Hosts;

/// <summary>
/// Ids for tool calls a server sent without one (Ollama, some llama-server templates): unique across the rounds of a
/// turn, so each <c>role: tool</c> result pairs with its own call and no two rounds share an id.
/// </summary>
internal static class ToolCallIds
{
    public const string Prefix = "call_";

    public static string Mint() => Prefix + Guid.NewGuid().ToString("N")[..24];
}
