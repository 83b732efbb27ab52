using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon.Chat;

/// <summary>What to ask, and how.</summary>
internal sealed record ChatRequest
{
    public required string Prompt { get; init; }

    public ChatMode Mode { get; init; } = ChatMode.Single;

    /// <summary>Replaces every host's <c>systemprompt</c> when set.</summary>
    public string? System { get; init; }

    /// <summary><c>--param key=value</c> overrides, by agon's parameter names.</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// The conversation so far, per target (in target order): earlier prompts and answers sent before
    /// <see cref="Prompt"/>. Empty (or shorter than the targets) means a first turn.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> History { get; init; } = [];

    public bool Stream { get; init; } = true;

    /// <summary>Send the prompt as it is, without the chat template (<c>--raw</c>): base models continue the text.</summary>
    public bool Raw { get; init; }

    /// <summary>Ask for a JSON object (any).</summary>
    public bool JsonMode { get; init; }

    /// <summary>Ask for JSON matching this schema (implies JSON mode).</summary>
    public JsonElement? JsonSchema { get; init; }

    /// <summary>
    /// Retrieved reference text (<c>--rag</c>): this turn's user message is the block, a blank line and
    /// <see cref="Prompt"/>, and the system prompt gains agon's line saying to treat it as authoritative.
    /// </summary>
    public ChatContext? Context { get; init; }

    public bool WantsJson => JsonMode || JsonSchema is not null;
}
