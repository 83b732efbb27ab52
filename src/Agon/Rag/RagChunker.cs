using System.Text;

namespace Agon.Rag;

/// <summary>
/// agon's chunker made careful: whitespace-separated words are the unit (agon's "tokens"), windows are at most
/// <c>size</c> words and the next one starts <c>overlap</c> words before the previous one ended. Inside a window
/// the cut moves back to the last paragraph end, else the last sentence end, when one lies in its second half, so
/// chunks end where the text does. Text without such ends is cut exactly as agon cut it.
/// </summary>
internal static class RagChunker
{
    public static IReadOnlyList<RagChunk> Chunk(string text, int size, int overlap)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlap, size);
        var words = Words(text);
        var chunks = new List<RagChunk>();
        var start = 0;
        while (start < words.Count)
        {
            var end = Math.Min(start + size, words.Count);
            if (end < words.Count)
            {
                end = CutPoint(words, start, end, Math.Max(overlap + 1, (size + 1) / 2));
            }

            chunks.Add(new RagChunk(chunks.Count, start, end - start, Join(words, start, end)));
            if (end == words.Count)
            {
                break;
            }

            start = end - overlap;
        }

        return chunks;
    }

    /// <summary>Where a full window ends: after the last paragraph end, else sentence end, at or past <paramref name="minimum"/> words.</summary>
    private static int CutPoint(List<Word> words, int start, int end, int minimum)
    {
        var sentence = -1;
        for (var i = end; i >= start + minimum; i--)
        {
            var last = words[i - 1];
            if (last.EndsParagraph)
            {
                return i;
            }

            if (sentence < 0 && last.EndsSentence)
            {
                sentence = i;
            }
        }

        return sentence > 0 ? sentence : end;
    }

    private static string Join(List<Word> words, int start, int end)
    {
        var builder = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            if (i > start)
            {
                builder.Append(' ');
            }

            builder.Append(words[i].Text);
        }

        return builder.ToString();
    }

    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var begin = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == begin)
            {
                break;
            }

            var newlines = 0;
            for (var j = i; j < text.Length && char.IsWhiteSpace(text[j]); j++)
            {
                newlines += text[j] == '\n' ? 1 : 0;
            }

            var word = text[begin..i];
            words.Add(new Word(word, EndsSentence(word), newlines >= 2));
        }

        return words;
    }

    /// <summary>A word ending in . ! ? … (or the CJK full stops), closing quotes and brackets after it allowed.</summary>
    private static bool EndsSentence(string word)
    {
        var end = word.Length;
        while (end > 0 && word[end - 1] is '"' or '\'' or ')' or ']' or '»' or '\u201D' or '\u2019' or '*' or '_')
        {
            end--;
        }

        return end > 0 && word[end - 1] is '.' or '!' or '?' or '\u2026' or '\u3002' or '\uFF01' or '\uFF1F';
    }

    private readonly record struct Word(string Text, bool EndsSentence, bool EndsParagraph);
}
