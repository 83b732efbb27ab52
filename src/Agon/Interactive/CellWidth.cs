using System.Buffers;
using System.Globalization;
using System.Text;
using Terminal.Gui.Text;

namespace Agon.Interactive;

/// <summary>
/// How many terminal cells text takes, by user-perceived character (grapheme cluster): CJK ideographs and emoji
/// take two, a combining mark rides on the character before it (zero), the rest one — as the terminal draws them.
/// </summary>
internal static class CellWidth
{
    /// <summary>True when every character is one cell (ASCII and Latin letters): the wrap can count characters.</summary>
    public static bool AllSingle(ReadOnlySpan<char> text) => text.IndexOfAnyExceptInRange(' ', '\u02FF') < 0;

    /// <summary>The cells of one grapheme cluster: its base character's width; a lone combining mark or control is zero.</summary>
    public static int OfCluster(ReadOnlySpan<char> cluster)
    {
        if (cluster.Length == 1 && cluster[0] is >= ' ' and < '\u0300')
        {
            return 1;
        }

        if (Rune.DecodeFromUtf16(cluster, out var rune, out var used) != OperationStatus.Done)
        {
            return 1;
        }

        var width = Math.Max(0, rune.GetColumns());
        // An emoji presentation selector (U+FE0F) makes a one-cell symbol (❤) a two-cell emoji (❤️).
        if (width == 1 && cluster[used..].Contains('\uFE0F'))
        {
            width = 2;
        }

        return width;
    }

    /// <summary>The cells of a whole string.</summary>
    public static int Of(string text)
    {
        if (AllSingle(text))
        {
            return text.Length;
        }

        var cells = 0;
        for (var i = 0; i < text.Length;)
        {
            var length = StringInfo.GetNextTextElementLength(text, i);
            cells += OfCluster(text.AsSpan(i, length));
            i += length;
        }

        return cells;
    }
}
