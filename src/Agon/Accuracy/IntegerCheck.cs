using System.Globalization;
using System.Text.RegularExpressions;

namespace Agon.Accuracy;

/// <summary>
/// agon's numeric check, made honest. agon kept only letters, digits and spaces and passed when any integer was
/// within the margin ("-5" read as 5, "3.5" as 35, "2 or 3" passed for 2); its successor read the last integer of
/// the last 25 characters. Here: think blocks are removed, the number is read with its sign, decimals and thousands
/// separators: the first one on a "Final answer:" line when there is one ("Final answer: 42 (6 × 7)" is 42), else
/// the last one of the answer; correct iff |value − expected| ≤ margin,
/// in decimal arithmetic so 3.6 is within 0.1 of 3.5. The check is given the answer's text only: reasoning content
/// a server sends apart (<c>reasoning_content</c>, M.E.AI's TextReasoningContent) never reaches it.
/// </summary>
internal static partial class IntegerCheck
{
    private const string FinalAnswer = "final answer";

    public static IntegerVerdict Check(string? answer, decimal expected, decimal marginOfError)
    {
        var value = Read(answer);
        return new IntegerVerdict(value, value is { } v && Math.Abs(v - expected) <= marginOfError);
    }

    /// <summary>The number the answer gives, or null when it gives none.</summary>
    public static decimal? Read(string? answer)
    {
        var text = WithoutThinking(answer ?? "");
        var finalLine = FinalAnswerLine(text);
        decimal? last = null;
        foreach (Match match in NumberPattern().Matches(finalLine ?? text))
        {
            var digits = match.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal);
            if (match.Groups["frac"].Success)
            {
                digits += "." + match.Groups["frac"].Value;
            }

            if (decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                last = match.Groups["sign"].Success ? -value : value;
                if (finalLine is not null)
                {
                    break;
                }
            }
        }

        return last;
    }

    /// <summary>
    /// The answer without <c>&lt;think&gt;…&lt;/think&gt;</c> (or <c>&lt;thinking&gt;</c>) blocks; also without the
    /// text before a closing tag whose opening tag was in the prompt (templates that start the model thinking), and
    /// without an unclosed block at the end (the model ran out of tokens while thinking).
    /// </summary>
    public static string WithoutThinking(string answer)
    {
        var text = ThinkBlock().Replace(answer, " ");
        var close = CloseTag().Matches(text);
        if (close.Count > 0)
        {
            var lastClose = close[^1];
            text = text[(lastClose.Index + lastClose.Length)..];
        }

        var open = OpenTag().Match(text);
        return open.Success ? text[..open.Index] : text;
    }

    /// <summary>
    /// After the last "Final answer", the first line holding a number (the answer may be on the line after the
    /// marker), or "" when none does: a final answer without a number is no number, not a reason to read the
    /// reasoning before it. Null without the marker.
    /// </summary>
    private static string? FinalAnswerLine(string text)
    {
        var at = text.LastIndexOf(FinalAnswer, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = text[(at + FinalAnswer.Length)..];
        return rest.Split('\n').FirstOrDefault(line => NumberPattern().IsMatch(line)) ?? "";
    }

    [GeneratedRegex(@"<(think|thinking)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ThinkBlock();

    [GeneratedRegex(@"</(think|thinking)\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CloseTag();

    [GeneratedRegex(@"<(think|thinking)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OpenTag();

    /// <summary>
    /// A number: an optional minus (ASCII or U+2212) not glued to a word or digit before it, digits with
    /// optional groups of three after commas, an optional fraction. Digits glued to a letter before them ("H2O",
    /// "step3") are not an answer.
    /// </summary>
    [GeneratedRegex(@"(?<sign>(?<![\p{L}\p{N}_.])[-\u2212])?(?<![\p{L}\p{N}_.])(?<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(?<frac>\d+))?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NumberPattern();
}
