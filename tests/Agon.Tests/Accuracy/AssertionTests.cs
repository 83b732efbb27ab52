using Agon.Accuracy;

namespace Agon.Tests.Accuracy;

/// <summary>The promptfoo-style assertions, table-driven, each also negated; and one test per bad assertion message.</summary>
public sealed class AssertionTests
{
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        { "equals", "Paris", "  Paris\n", true },
        { "equals", "Paris", "paris", false },
        { "contains", "Paris", "The capital is Paris.", true },
        { "contains", "Paris", "The capital is PARIS.", false },
        { "icontains", "paris", "The capital is PARIS.", true },
        { "icontains", "lyon", "The capital is Paris.", false },
        { "starts-with", "Yes", "  Yes, it is.", true },
        { "starts-with", "Yes", "No. Yes.", false },
        { "regex", @"^\d{4}-\d{2}-\d{2}$", "2026-12-02", true },
        { "regex", @"^\d+$", "12a", false },
        { "contains", "Lyon", "<think>Lyon? no.</think>Paris", false },   // thinking does not count
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_PassesAsTheTableSays_AndNotInverts(string type, string value, string answer, bool pass)
    {
        Assert.Equal(new AssertionResult(type, pass), Assertion.Create(type, value).Evaluate(answer));
        Assert.Equal(new AssertionResult("not-" + type, !pass), Assertion.Create("not-" + type, value).Evaluate(answer));
    }

    public static TheoryData<string?, string?, string> Bad => new()
    {
        { "similarish", "x", "unknown assertion type 'similarish' (known: contains, contains-all, contains-any, equals, icontains, icontains-all, icontains-any, integer, is-json, latency, levenshtein, regex, similar, starts-with, tool-call, each also with not-)" },
        { "not-", "x", "unknown assertion type 'not-' (known: contains, contains-all, contains-any, equals, icontains, icontains-all, icontains-any, integer, is-json, latency, levenshtein, regex, similar, starts-with, tool-call, each also with not-)" },
        { null, "x", "an assertion has no \"type\" (known: contains, contains-all, contains-any, equals, icontains, icontains-all, icontains-any, integer, is-json, latency, levenshtein, regex, similar, starts-with, tool-call)" },
        { "contains", null, "the assertion 'contains' needs a \"value\"" },
        { "not-regex", "(", "the regex '(' is not valid (at character 1)" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Create_BadAssertion_OneLineUsageError(string? type, string? value, string message)
    {
        var error = Assert.Throws<AgonException>(() => Assertion.Create(type, value));

        Assert.Equal(message, error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }
}
