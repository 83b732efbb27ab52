using System.Text;

namespace Agon.Rag;

/// <summary>
/// The CONTEXT block a prompt gets, in agon's shape: <c>CONTEXT</c>, then one <c>[doc:&lt;file&gt;] &lt;text&gt;</c> line per
/// retrieved chunk, best first, cut to the word budget (the last chunk that fits only partly is cut, the rest left
/// out). <see cref="Words"/> is agon's <c>context_tokens</c>, <see cref="Files"/>' count its <c>source_coverage</c>.
/// </summary>
internal sealed record RagContextBlock(string Text, int Words, IReadOnlyList<string> Files)
{
    /// <summary>What agon appended to the system prompt in its RAG-on pass.</summary>
    public const string SystemLine = "If CONTEXT is provided, treat it as authoritative reference material.";

    public int SourceCoverage => Files.Count;

    public static RagContextBlock Build(IReadOnlyList<RagHit> hits, int wordLimit)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var text = new StringBuilder("CONTEXT");
        var used = 0;
        var files = new List<string>();
        foreach (var hit in hits)
        {
            var words = hit.Chunk.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var take = wordLimit > 0 ? Math.Min(words.Length, wordLimit - used) : words.Length;
            if (take <= 0)
            {
                break;
            }

            text.Append("\n[doc:").Append(hit.Path).Append("] ").AppendJoin(' ', words.Take(take));
            used += take;
            if (!files.Contains(hit.Path, StringComparer.Ordinal))
            {
                files.Add(hit.Path);
            }
        }

        return new RagContextBlock(text.ToString(), used, files);
    }

    /// <summary>The user message of a RAG turn: the block, a blank line, the prompt (agon's shape).</summary>
    public string Augment(string prompt) => Words == 0 ? prompt : Prepend(Text, prompt);

    /// <summary>A CONTEXT block before a prompt, as agon sent them: the block, a blank line, the prompt.</summary>
    public static string Prepend(string context, string prompt) => context + "\n\n" + prompt;

    /// <summary>The system prompt of a RAG turn: the given one with <see cref="SystemLine"/> after it.</summary>
    public static string AugmentSystem(string? system) => string.IsNullOrWhiteSpace(system) ? SystemLine : system.TrimEnd() + "\n" + SystemLine;
}
