using Agon.Accuracy;

namespace Agon.Tests.Accuracy;

/// <summary>
/// agon's prompt file read unchanged (a sample written from agon-inventory §3.9, not copied from agon), and one
/// test per bad input checking the whole one-line message and the exit code.
/// </summary>
public sealed class AccuracySuiteReaderTests : IDisposable
{
    private const string AgonSample = """
        {
          "system_prompt": "You are a precise facts and logic engine. Answer with a single integer.",
          "tests": [
            {"id": 1, "prompt": "What is the atomic number of Helium?", "expected_answer": 2,
             "category": "Basic Retrieval", "difficulty": 2, "marginOfError": 0},
            {"id": 2, "prompt": "How many days are in a leap year?", "expected_answer": 366,
             "category": "Calendar", "difficulty": 1, "marginOfError": 0},
            {"id": 3, "prompt": "What is the boiling point of water in Fahrenheit at sea level?", "expected_answer": 212,
             "category": "Science", "difficulty": 3, "marginOfError": 1.5}
          ]
        }
        """;

    private readonly FakeEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void TheExampleSuite_Reads_WithNumberAndAssertionTests()
    {
        var file = Path.Combine(Configuration.AgonConfigCompatibilityTests.RepositoryRoot(), "config", "examples", "accuracy", "accuracy_prompts.json");

        var suite = AccuracySuiteReader.Read(_environment, file);

        Assert.Equal(["1", "2", "3", "4", "capital", "json"], suite.Tests.Select(t => t.Id));
        Assert.Equal(391m, suite.Tests[1].ExpectedNumber);
        Assert.Equal(2, suite.Tests[4].Assertions.Count);
    }

    [Fact]
    public void Read_AgonsPromptFile_Unchanged()
    {
        _environment.WriteFile("accuracy/accuracy_prompts.json", AgonSample);

        var suite = AccuracySuiteReader.Read(_environment, "accuracy/accuracy_prompts.json");

        Assert.Equal("You are a precise facts and logic engine. Answer with a single integer.", suite.SystemPrompt);
        Assert.Equal(["1", "2", "3"], suite.Tests.Select(t => t.Id));
        var first = suite.Tests[0];
        Assert.Equal("What is the atomic number of Helium?", first.Prompt);
        Assert.Equal(2m, first.ExpectedNumber);
        Assert.Equal("2", first.ExpectedText);
        Assert.Equal("Basic Retrieval", first.Category);
        Assert.Equal(2d, first.Difficulty);
        Assert.Equal(0m, first.MarginOfError);
        Assert.Equal(1.5m, suite.Tests[2].MarginOfError);
    }

    [Fact]
    public void Parse_OptionalFieldsAbsent_TextIdsAndAnswers()
    {
        var suite = AccuracySuiteReader.Parse("""{"tests":[{"id":"capital","prompt":"Capital of France?","expected_answer":"Paris"},{"id":"n","prompt":"p","expected_answer":"-3.5"}]}""", "s.json");

        Assert.Null(suite.SystemPrompt);
        var capital = suite.Tests[0];
        Assert.Equal("capital", capital.Id);
        Assert.Null(capital.ExpectedNumber);
        Assert.Equal("Paris", capital.ExpectedText);
        Assert.Null(capital.Category);
        Assert.Null(capital.Difficulty);
        Assert.Equal(0m, capital.MarginOfError);
        Assert.Equal(-3.5m, suite.Tests[1].ExpectedNumber);
    }

    [Fact]
    public void Read_MissingFile_SaysSo()
    {
        var error = Assert.Throws<AgonException>(() => AccuracySuiteReader.Read(_environment, "accuracy/none.json"));

        Assert.Equal("accuracy suite 'accuracy/none.json' does not exist", error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Fact]
    public void Read_AFolder_CannotBeRead()
    {
        Directory.CreateDirectory(Path.Combine(_environment.CurrentDirectory, "suite.json"));

        var error = Assert.Throws<AgonException>(() => AccuracySuiteReader.Read(_environment, "suite.json"));

        Assert.Equal("accuracy suite 'suite.json' cannot be read: it is a folder", error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Fact]
    public void Parse_NotJson_NamesFileLineAndColumn()
    {
        var error = Assert.Throws<AgonException>(() => AccuracySuiteReader.Parse("not json", "s.json"));

        Assert.StartsWith("s.json:1:2: invalid JSON: 'not json' is an invalid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    public static TheoryData<string, string> BadSuites => new()
    {
        { "{\"tests\": [", "s.json:1:12: invalid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed" },
        { "[1, 2]", "accuracy suite 's.json' is not a JSON object with a \"tests\" list" },
        { "{\"system_prompt\": \"x\"}", "accuracy suite 's.json' has no tests (it needs a \"tests\" list)" },
        { "{\"tests\": []}", "accuracy suite 's.json' has no tests (it needs a \"tests\" list)" },
        { "{\"tests\": {\"id\": 1}}", "accuracy suite 's.json': \"tests\" has the wrong type" },
        { "{\"tests\": [{\"id\": 1, \"prompt\": 5}]}", "accuracy suite 's.json': \"tests[0].prompt\" has the wrong type" },
        { "{\"tests\": [null]}", "accuracy suite 's.json': test number 1 is not an object" },
        { "{\"tests\": [{\"id\": 1, \"prompt\": \"a\"}, {\"prompt\": \"b\"}]}", "accuracy suite 's.json': test number 2 has no \"id\"" },
        { "{\"tests\": [{\"id\": \" \", \"prompt\": \"b\"}]}", "accuracy suite 's.json': test number 1 has no \"id\"" },
        { "{\"tests\": [{\"id\": [1], \"prompt\": \"b\"}]}", "accuracy suite 's.json': test number 1 has an \"id\" that is neither a number nor text" },
        { "{\"tests\": [{\"id\": 7}]}", "accuracy suite 's.json': test \"7\" has no \"prompt\"" },
        { "{\"tests\": [{\"id\": 7, \"prompt\": \"  \"}]}", "accuracy suite 's.json': test \"7\" has no \"prompt\"" },
        { "{\"tests\": [{\"id\": 7, \"prompt\": \"a\", \"marginOfError\": -1}]}", "accuracy suite 's.json': test \"7\" has a negative \"marginOfError\"" },
        { "{\"tests\": [{\"id\": 7, \"prompt\": \"a\"}, {\"id\": \"7\", \"prompt\": \"b\"}]}", "accuracy suite 's.json': the test id \"7\" appears twice" },
    };

    [Theory]
    [MemberData(nameof(BadSuites))]
    public void Parse_BadSuite_OneLineMessage_UsageExit(string text, string message)
    {
        var error = Assert.Throws<AgonException>(() => AccuracySuiteReader.Parse(text, "s.json"));

        Assert.Equal(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }
}
