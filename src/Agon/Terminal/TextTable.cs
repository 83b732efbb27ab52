using System.Text;

namespace Agon.Terminal;

/// <summary>Lays out rows in aligned columns for the terminal (plain text, so it pipes cleanly).</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Select(r => r.Select(ConsoleText.OneLine).ToArray()).ToList();
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in all)
        {
            for (var i = 0; i < widths.Length && i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var builder = new StringBuilder();
        AppendRow(builder, headers, widths);
        foreach (var row in all)
        {
            AppendRow(builder, row, widths);
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static void AppendRow(StringBuilder builder, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Count ? cells[i] : "";
            line.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
        }

        builder.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
