using System.Text.Json;
using Agon.Accuracy;
using Agon.Mcp;
using Microsoft.Extensions.AI;

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
        { "contains-any", "Lyon, Paris", "It is Paris.", true },
        { "contains-any", "Lyon, Nice", "It is Paris.", false },
        { "contains-any", "paris, lyon", "It is Paris.", false },          // case counts
        { "icontains-any", "paris, lyon", "It is Paris.", true },
        { "contains-all", "Paris, France", "Paris, France.", true },
        { "contains-all", "Paris, France", "Paris.", false },
        { "icontains-all", "paris, FRANCE", "Paris, France.", true },
        { "contains-any", "Lyon", "<think>Lyon</think>Paris", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_PassesAsTheTableSays_AndNotInverts(string type, string value, string answer, bool pass)
    {
        Assert.Equal(new AssertionResult(type, pass), Assertion.Create(type, value).Evaluate(answer));
        Assert.Equal(new AssertionResult("not-" + type, !pass), Assertion.Create("not-" + type, value).Evaluate(answer));
    }

    /// <summary>Vectors by text, as an embedding host would give them; every request is kept.</summary>
    private sealed class Embeddings(Dictionary<string, float[]> vectors) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<string[]> Requests { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToArray();
            Requests.Add(texts);
            return texts.Any(t => t == "fail")
                ? throw new AgonException("lab: the embedding model is not loaded")
                : Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(vectors[t]))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static Assertion FromJson(string json) => Assertion.FromJson(JsonDocument.Parse(json).RootElement, null, 0);

    [Fact]
    public async Task Similar_CosineAgainstTheValue_DefaultThreshold075_OneRequest_ThinkingLeftOut()
    {
        var embeddings = new Embeddings(new()
        {
            ["Paris"] = [1, 0, 0],
            ["The capital is Paris"] = [0.8f, 0.6f, 0],   // cosine 0.8
            ["Bananas"] = [0, 0, 1],                       // cosine 0
        });
        var similar = Assertion.Create("similar", "The capital is Paris");
        var token = TestContext.Current.CancellationToken;

        var near = await similar.EvaluateAsync(new AccuracyAnswer { Text = "<think>hmm</think>Paris" }, embeddings, token);
        var far = await similar.EvaluateAsync(new AccuracyAnswer { Text = "Bananas" }, embeddings, token);
        var strict = await FromJson("""{"type": "similar", "value": "The capital is Paris", "threshold": 0.9}""").EvaluateAsync(new AccuracyAnswer { Text = "Paris" }, embeddings, token);
        var negated = await Assertion.Create("not-similar", "The capital is Paris").EvaluateAsync(new AccuracyAnswer { Text = "Bananas" }, embeddings, token);

        Assert.Equal((true, 0.8), (near.Pass, near.Measured));
        Assert.Equal(["Paris", "The capital is Paris"], embeddings.Requests[0]);
        Assert.Equal((false, 0.0), (far.Pass, far.Measured));
        Assert.Equal((false, 0.8), (strict.Pass, strict.Measured));
        Assert.True(negated.Pass);
    }

    [Fact]
    public async Task Similar_WithoutEmbeddings_OrWhenTheyFail_FailsWithTheReason_EvenNegated()
    {
        var token = TestContext.Current.CancellationToken;
        var answer = new AccuracyAnswer { Text = "fail" };

        var none = await Assertion.Create("not-similar", "x").EvaluateAsync(answer, null, token);
        var failed = await Assertion.Create("similar", "x").EvaluateAsync(answer, new Embeddings([]), token);

        Assert.Equal((false, "no embedding model to compare with (set ragEmbeddingHost and ragEmbeddingModel, or --embed host/model)"), (none.Pass, none.Error));
        Assert.Equal((false, "embedding failed: lab: the embedding model is not loaded"), (failed.Pass, failed.Error));
    }

    public static TheoryData<string, string, bool, double> ToolCalls => new()
    {
        { """[{"name": "add", "arguments": {"a": 40, "b": 2}}]""", """{"type": "tool-call", "value": "add"}""", true, 1 },
        { """[{"name": "add", "arguments": {"a": 40, "b": 2}}]""", """{"type": "tool-call", "value": "add", "schema": {"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "number"}}}}""", true, 1 },
        { """[{"name": "add", "arguments": {"a": "forty"}}]""", """{"type": "tool-call", "value": "add", "schema": {"type": "object", "required": ["a", "b"]}}""", false, 1 },
        { """[{"name": "add", "arguments": {"a": "x"}}, {"name": "add", "arguments": {"a": 1, "b": 2}}]""", """{"type": "tool-call", "value": "add", "schema": {"type": "object", "required": ["a", "b"]}}""", true, 2 },
        { """[{"name": "echo", "arguments": {}}]""", """{"type": "tool-call", "value": "add"}""", false, 0 },
        { "[]", """{"type": "tool-call", "value": "add"}""", false, 0 },
        { "[]", """{"type": "not-tool-call", "value": "add"}""", true, 0 },
    };

    [Theory]
    [MemberData(nameof(ToolCalls))]
    public void ToolCall_NamedToolCalled_WithArgumentsMatchingTheSchema(string calls, string assertion, bool pass, double seen)
    {
        var activities = JsonDocument.Parse(calls).RootElement.EnumerateArray()
            .Select((c, i) => new ToolActivity { CallId = "c" + i, Name = c.GetProperty("name").GetString()!, Arguments = c.GetProperty("arguments").GetRawText() })
            .ToList();

        var result = FromJson(assertion).Evaluate(new AccuracyAnswer { Text = "", ToolCalls = activities });

        Assert.Equal((pass, seen), (result.Pass, result.Measured));
    }

    [Fact]
    public void ToolCall_SchemaThatIsNotAnObject_OneLineUsageError()
    {
        var error = Assert.Throws<AgonException>(() => FromJson("""{"type": "tool-call", "value": "add", "schema": "[1]"}"""));

        Assert.Equal("the assertion 'tool-call' takes a JSON Schema object as its \"schema\"", error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
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
