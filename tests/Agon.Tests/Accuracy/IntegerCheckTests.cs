using Agon.Accuracy;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Accuracy;

/// <summary>
/// The <c>integer</c> check, table-driven. The rows marked "agon" are answers agon scored wrongly: it dropped signs,
/// points and commas ("-5" → 5, "3.5" → 35) and passed when any integer was within the margin; its successor read
/// the last integer of the last 25 characters.
/// </summary>
public sealed class IntegerCheckTests
{
    public static TheoryData<string, string?> Reads => new()
    {
        { "42", "42" },
        { "The answer is 42.", "42" },
        { "-5", "-5" },                                   // agon: 5
        { "The temperature is -5 degrees.", "-5" },        // agon: 5
        { "**-12**", "-12" },
        { "\u22127", "-7" },                               // Unicode minus sign
        { "3.5", "3.5" },                                  // agon: 35
        { "It is 0.25 of the total.", "0.25" },
        { "1,234", "1234" },
        { "About 1,234,567 people.", "1234567" },
        { "-1,234.5", "-1234.5" },
        { "2 or 3", "3" },                                 // agon passed this for 2: any integer counted
        { "Between 3-5, I'd say 4", "4" },
        { "range 3-5", "5" },                              // a dash between digits is not a minus
        { "- 5 apples", "5" },                             // a list dash is not a minus
        { "H2O has 3 atoms", "3" },                        // digits glued to a letter are not an answer
        { "50%", "50" },
        { "The answer is 7.", "7" },
        { "", null },
        { "I don't know.", null },
        { "1, 2, 3", "3" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void Read_TakesTheLastNumberWithSignDecimalsAndSeparators(string answer, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), IntegerCheck.Read(answer));

    public static TheoryData<string, string?> Thinking => new()
    {
        { "<think>Maybe 7? No, 9.</think>The answer is 2.", "2" },
        { "<THINK>99</THINK>\n\n2", "2" },
        { "<thinking>99</thinking> 2", "2" },
        { "<think>a 1</think> 2 <think>b 3</think>", "2" },
        { "Helium has 2 protons... wait, 99</think>2", "2" },   // the opening tag was in the prompt (template)
        { "The answer is 2 <think>hmm, maybe 9", "2" },         // ran out of tokens while thinking
        { "<think>counting: 1, 2, 3, 4", null },                // only thinking: no answer
    };

    [Theory]
    [MemberData(nameof(Thinking))]
    public void Read_IgnoresThinkBlocks(string answer, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), IntegerCheck.Read(answer));

    public static TheoryData<string, string?> FinalAnswers => new()
    {
        // agon's successor read the last 25 characters: here they hold "7" and "2026", not the answer.
        { "Step 1: 6 times 7 is 42.\nFinal answer: 42\nChecked on day 7 of 2026.", "42" },
        { "Reasoning with 3 and 4.\n**Final answer:** -12", "-12" },
        { "I computed 10.\nFinal Answer:\n\n1,024\n(That is 2 to the 10.)", "1024" },
        { "final answer is 3.5 (not 35)", "3.5" },  // the first number on the final answer line
        { "Final answer: 42 (that is 6 × 7)", "42" },
        { "Final answer: 1,234", "1234" },
        { "Earlier guess 5. Final answer: unknown", null },  // a final answer without a number is no number
        { "Final answer: 3. Actually, Final answer: 4", "4" },
    };

    [Theory]
    [MemberData(nameof(FinalAnswers))]
    public void Read_PrefersTheFinalAnswerLine(string answer, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), IntegerCheck.Read(answer));

    public static TheoryData<string, string, string, bool> Verdicts => new()
    {
        { "-5", "-5", "0", true },       // agon: read 5, wrong
        { "5", "-5", "0", false },
        { "3.5", "3.5", "0", true },     // agon: read 35, wrong
        { "35", "3.5", "0", false },
        { "3.6", "3.5", "0.1", true },   // decimal arithmetic: 3.6 − 3.5 is exactly 0.1
        { "3.7", "3.5", "0.1", false },
        { "1,234", "1234", "0", true },
        { "1,230", "1234", "5", true },
        { "1,220", "1234", "5", false },
        { "2 or 3", "2", "0", false },   // agon: passed, any integer counted
        { "no idea", "0", "100", false },
        { "0", "0", "0", true },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Check_IsCorrectIffWithinTheMargin(string answer, string expected, string margin, bool correct)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var verdict = IntegerCheck.Check(answer, decimal.Parse(expected, culture), decimal.Parse(margin, culture));
        Assert.Equal(correct, verdict.Correct);
    }

    [Fact]
    public void Check_ReasoningContentSentApart_NeverReachesTheCheck()
    {
        // llama-server's reasoning_content arrives as TextReasoningContent; the answer text is the TextContent only.
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("It might be 99."), new TextContent("2")]));

        var verdict = IntegerCheck.Check(response.Text, 2, 0);

        Assert.Equal(new IntegerVerdict(2, true), verdict);
    }
}
