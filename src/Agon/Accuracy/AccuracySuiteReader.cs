using System.Globalization;
using System.Text.Json;
using Agon.Configuration;
using Agon.Files;

namespace Agon.Accuracy;

/// <summary>
/// Reads agon's prompt file unchanged (<c>{"system_prompt", "tests":[{"id","prompt","expected_answer","category",
/// "difficulty","marginOfError"}]}</c>). Every problem is one line naming the file and, for a test, which one;
/// all are usage errors (exit code 2).
/// </summary>
internal static class AccuracySuiteReader
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// Reads the suite at <paramref name="file"/> (resolved against the current directory, <c>~</c> expanded);
    /// <paramref name="whenMissing"/> follows "does not exist" (what to do instead).
    /// </summary>
    public static AccuracySuite Read(IAgonEnvironment environment, string file, string? whenMissing = null)
    {
        var path = AgonPaths.Resolve(environment, file);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Error($"accuracy suite '{file}' does not exist" + (whenMissing is null ? "" : "; " + whenMissing));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Error($"accuracy suite '{file}' cannot be read: {FileErrors.Reason(ex, path)}");
        }

        return Parse(text, file);
    }

    /// <summary>Parses a suite's text; <paramref name="file"/> names it in messages.</summary>
    public static AccuracySuite Parse(string text, string file)
    {
        AccuracyFileJson? json;
        try
        {
            using var document = JsonDocument.Parse(text, s_documentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Error($"accuracy suite '{file}' is not a JSON object with a \"tests\" list");
            }

            try
            {
                json = document.RootElement.Deserialize(AccuracyJsonContext.Default.AccuracyFileJson);
            }
            catch (JsonException ex)
            {
                throw Error($"accuracy suite '{file}': {Where(ex.Path)} has the wrong type");
            }
        }
        catch (JsonException ex)
        {
            throw Error(ConfigDocument.SyntaxError(file, ex));
        }

        if (json?.Tests is not { Count: > 0 } tests)
        {
            throw Error($"accuracy suite '{file}' has no tests (it needs a \"tests\" list)");
        }

        var read = new List<AccuracyTest>(tests.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tests.Count; i++)
        {
            var test = Test(tests[i], i + 1, file);
            if (!ids.Add(test.Id))
            {
                throw Error($"accuracy suite '{file}': the test id \"{test.Id}\" appears twice");
            }

            read.Add(test);
        }

        if (read.FirstOrDefault(t => t.Assertions.Count == 0) is { } bare)
        {
            throw Error($"accuracy suite '{file}': test \"{bare.Id}\" has neither an \"expected_answer\" nor an \"assert\" list");
        }

        return new AccuracySuite(string.IsNullOrWhiteSpace(json.SystemPrompt) ? null : json.SystemPrompt, read);
    }

    private static AccuracyTest Test(AccuracyTestJson? json, int number, string file)
    {
        var position = string.Create(CultureInfo.InvariantCulture, $"test number {number}");
        if (json is null)
        {
            throw Error($"accuracy suite '{file}': {position} is not an object");
        }

        var id = json.Id switch
        {
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            { ValueKind: JsonValueKind.String } s when !string.IsNullOrWhiteSpace(s.GetString()) => s.GetString()!.Trim(),
            { ValueKind: JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.True or JsonValueKind.False }
                => throw Error($"accuracy suite '{file}': {position} has an \"id\" that is neither a number nor text"),
            _ => throw Error($"accuracy suite '{file}': {position} has no \"id\""),
        };

        if (string.IsNullOrWhiteSpace(json.Prompt))
        {
            throw Error($"accuracy suite '{file}': test \"{id}\" has no \"prompt\"");
        }

        if (json.MarginOfError is < 0)
        {
            throw Error($"accuracy suite '{file}': test \"{id}\" has a negative \"marginOfError\"");
        }

        if (json.Threshold is < 0 or > 1)
        {
            throw Error($"accuracy suite '{file}': test \"{id}\" has a \"threshold\" outside 0–1");
        }

        var (expectedNumber, expectedText) = Expected(json.ExpectedAnswer);
        var margin = json.MarginOfError ?? 0;
        return new AccuracyTest
        {
            Assertions = Assertions(json.Assert, expectedNumber, expectedText, margin, id, file),
            Threshold = json.Threshold,
            Id = id,
            Prompt = json.Prompt,
            ExpectedNumber = expectedNumber,
            ExpectedText = expectedText,
            Category = string.IsNullOrWhiteSpace(json.Category) ? null : json.Category,
            Difficulty = json.Difficulty is { ValueKind: JsonValueKind.Number } d ? d.GetDouble()
                : json.Difficulty is { ValueKind: JsonValueKind.String } ds && double.TryParse(ds.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : null,
            MarginOfError = margin,
        };
    }

    private static List<Assertion> Assertions(JsonElement? list, decimal? expectedNumber, string? expectedText, decimal margin, string id, string file)
    {
        if (list is not { ValueKind: not JsonValueKind.Null } given)
        {
            return expectedNumber is not null ? [Assertion.FromJson(Default("integer"), expectedNumber, margin)]
                : expectedText is not null ? [Assertion.Create("icontains", expectedText)]
                : [];
        }

        if (given.ValueKind != JsonValueKind.Array || given.GetArrayLength() == 0)
        {
            throw Error($"accuracy suite '{file}': test \"{id}\" has an \"assert\" that is not a list of assertions");
        }

        var assertions = new List<Assertion>();
        var number = 0;
        foreach (var element in given.EnumerateArray())
        {
            number++;
            try
            {
                assertions.Add(Assertion.FromJson(element, expectedNumber, margin));
            }
            catch (AgonException ex)
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"accuracy suite '{file}': test \"{id}\", assertion {number}: {ex.Message}"));
            }
        }

        return assertions;
    }

    private static JsonElement Default(string type)
    {
        using var document = JsonDocument.Parse($"{{\"type\":\"{type}\"}}");
        return document.RootElement.Clone();
    }

    private static (decimal? Number, string? Text) Expected(JsonElement? answer) => answer switch
    {
        { ValueKind: JsonValueKind.Number } n => (n.TryGetDecimal(out var value) ? value : null, n.GetRawText()),
        { ValueKind: JsonValueKind.String } s => (
            decimal.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
            s.GetString()),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } or null => (null, null),
        { } other => (null, other.GetRawText()),
    };

    /// <summary>"$.tests[2].prompt" as the user would say it: <c>tests[2].prompt</c>.</summary>
    private static string Where(string? path) =>
        path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? $"\"{p[2..]}\"" : "a value";

    private static AgonException Error(string message) => AgonException.Usage(message);
}
