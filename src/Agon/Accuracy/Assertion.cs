using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Agon.Accuracy;

/// <summary>
/// One checked assertion of a test: a kind from <see cref="AssertionKinds"/>, possibly negated with <c>not-</c>, its
/// value, threshold and weight. <see cref="Create(string?, string?)"/> and <see cref="FromJson"/> refuse an unknown
/// type, a missing value or threshold, a bad schema and an invalid regex with one line (a usage error).
/// </summary>
internal sealed class Assertion
{
    private const string NotPrefix = "not-";

    private Assertion(string type, AssertionKind kind, bool negated)
    {
        Type = type;
        Kind = kind;
        Negated = negated;
    }

    /// <summary>The type as written, e.g. <c>not-icontains</c>.</summary>
    public string Type { get; }

    public AssertionKind Kind { get; }

    public bool Negated { get; }

    /// <summary>The text value ("" for types that take none).</summary>
    public string Value { get; private init; } = "";

    /// <summary>The texts of a list type (<c>contains-any</c>, …).</summary>
    public IReadOnlyList<string> Values { get; private init; } = [];

    /// <summary><c>is-json</c>: the schema the answer must match; <c>tool-call</c>: the schema of the arguments.</summary>
    public JsonElement? Schema { get; private init; }

    /// <summary>The limit of the measured types: most edits, most milliseconds, least cosine; for <c>integer</c>, the margin.</summary>
    public double Threshold { get; private init; }

    public double Weight { get; private init; } = 1;

    /// <summary><c>integer</c>: the expected number.</summary>
    public decimal? Number { get; private init; }

    /// <summary><c>integer</c>: how far the answer may be from <see cref="Number"/>.</summary>
    public decimal Margin { get; private init; }

    /// <summary>An assertion with a text value (or none), weight 1.</summary>
    public static Assertion Create(string? type, string? value)
    {
        JsonElement? element = null;
        if (value is not null)
        {
            using var document = JsonDocument.Parse("\"" + JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"");
            element = document.RootElement.Clone();
        }

        return Build(type, element, null, null, null, null, 0);
    }

    /// <summary>
    /// One entry of a test's <c>assert</c> list: <c>{"type", "value", "threshold", "weight", "schema"}</c>.
    /// <paramref name="expected"/> and <paramref name="margin"/> are the test's, for <c>integer</c>.
    /// </summary>
    public static Assertion FromJson(JsonElement element, decimal? expected, decimal margin)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw AgonException.Usage("an assertion is not an object (it needs a \"type\")");
        }

        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        JsonElement? value = element.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
        return Build(type, value, NumberOf(element, "threshold", type), NumberOf(element, "weight", type),
            element.TryGetProperty("schema", out var s) && s.ValueKind != JsonValueKind.Null ? s : null, expected, margin);
    }

    private static Assertion Build(string? type, JsonElement? value, double? threshold, double? weight, JsonElement? schema, decimal? expected, decimal margin)
    {
        var written = type?.Trim() ?? "";
        var negated = written.StartsWith(NotPrefix, StringComparison.Ordinal);
        var name = negated ? written[NotPrefix.Length..] : written;
        if (!AssertionKinds.All.TryGetValue(name, out var kind))
        {
            throw AgonException.Usage(written.Length == 0
                ? $"an assertion has no \"type\" (known: {Known()})"
                : $"unknown assertion type '{written}' (known: {Known()}, each also with not-)");
        }

        if (weight is < 0)
        {
            throw AgonException.Usage($"the assertion '{written}' has a negative \"weight\"");
        }

        var assertion = new Assertion(written, kind, negated)
        {
            Weight = weight ?? 1,
            Threshold = threshold ?? kind.DefaultThreshold ?? 0,
        };
        switch (kind.Value)
        {
            case AssertionValue.Text:
                assertion = assertion.With(Text(value) ?? throw AgonException.Usage($"the assertion '{written}' needs a \"value\""));
                break;
            case AssertionValue.List:
                assertion = assertion.WithList(List(value) is { Count: > 0 } list ? list : throw AgonException.Usage($"the assertion '{written}' needs a \"value\": a list of texts"));
                break;
            case AssertionValue.OptionalSchema:
                assertion = assertion.WithSchema(SchemaOf(value, written, "value"));
                break;
            case AssertionValue.Threshold:
                if (threshold is null)
                {
                    throw AgonException.Usage($"the assertion '{written}' needs a \"threshold\"");
                }

                break;
            case AssertionValue.OptionalNumber:
                var number = value is { ValueKind: JsonValueKind.Number } n && n.TryGetDecimal(out var d) ? d
                    : value is { ValueKind: JsonValueKind.String } ns && decimal.TryParse(ns.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
                    : value is null ? expected
                    : throw AgonException.Usage($"the assertion '{written}' takes a number as its \"value\"");
                assertion = assertion.WithNumber(
                    number ?? throw AgonException.Usage($"the assertion '{written}' needs a numeric \"value\" or a numeric expected_answer"),
                    threshold is { } margin2 ? (decimal)margin2 : margin);
                break;
        }

        if (kind.Name == "tool-call")
        {
            assertion = assertion.WithSchema(SchemaOf(schema, written, "schema"));
        }

        if (kind.Name == "regex")
        {
            try
            {
                _ = new Regex(assertion.Value, AssertionKinds.RegexFlags, AssertionKinds.RegexTimeout);
            }
            catch (RegexParseException ex)
            {
                throw AgonException.Usage(string.Create(CultureInfo.InvariantCulture, $"the regex '{assertion.Value}' is not valid (at character {ex.Offset})"));
            }
        }

        return assertion;
    }

    /// <summary>Checks a text answer (no timing, no tool calls).</summary>
    public AssertionResult Evaluate(string? answer) => Evaluate(new AccuracyAnswer { Text = answer ?? "" });

    /// <summary>Checks an answer with every type but <c>similar</c> (which needs embeddings: <see cref="EvaluateAsync"/>).</summary>
    public AssertionResult Evaluate(AccuracyAnswer answer)
    {
        if (Kind.Check is null)
        {
            return Result(false, "no embedding model to compare with (set ragEmbeddingHost and ragEmbeddingModel, or --embed host/model)");
        }

        var output = IntegerCheck.WithoutThinking(answer.Text);
        try
        {
            var (pass, measured) = Kind.Check(new AssertionContext(output, answer, this));
            return Result(pass, null, measured);
        }
        catch (RegexMatchTimeoutException)
        {
            return Result(false, "the regex took too long");
        }
    }

    /// <summary>Checks an answer; <c>similar</c> embeds the answer and the value in one request to <paramref name="embedder"/>.</summary>
    public async Task<AssertionResult> EvaluateAsync(AccuracyAnswer answer, IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken cancellationToken)
    {
        if (Kind.Check is not null || embedder is null)
        {
            return Evaluate(answer);
        }

        var output = IntegerCheck.WithoutThinking(answer.Text).Trim();
        try
        {
            var vectors = await embedder.GenerateAsync([output.Length == 0 ? " " : output, Value], cancellationToken: cancellationToken);
            var cosine = (double)TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
            return Result(cosine >= Threshold, null, Math.Round(cosine, 4));
        }
        catch (AgonException ex)
        {
            return Result(false, "embedding failed: " + ex.Message);
        }
    }

    private AssertionResult Result(bool pass, string? error, double? measured = null) =>
        new(Type, error is null && pass != Negated, error, measured) { Weight = Weight };

    private Assertion With(string value) => new(Type, Kind, Negated) { Value = value, Weight = Weight, Threshold = Threshold };

    private Assertion WithList(IReadOnlyList<string> values) => new(Type, Kind, Negated) { Values = values, Value = string.Join(", ", values), Weight = Weight, Threshold = Threshold };

    private Assertion WithSchema(JsonElement? schema) => new(Type, Kind, Negated) { Value = Value, Values = Values, Schema = schema, Weight = Weight, Threshold = Threshold };

    private Assertion WithNumber(decimal number, decimal margin) => new(Type, Kind, Negated) { Number = number, Margin = margin, Value = number.ToString(CultureInfo.InvariantCulture), Weight = Weight, Threshold = (double)margin };

    private static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } other => other.GetRawText(),
        _ => null,
    };

    private static List<string>? List(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => Text(e)).OfType<string>().Where(s => s.Length > 0).ToList(),
        { ValueKind: JsonValueKind.String } s => [.. s.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        _ => null,
    };

    private static JsonElement? SchemaOf(JsonElement? value, string type, string key)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Object)
        {
            return v.Clone();
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var document = JsonDocument.Parse(v.GetString()!);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return document.RootElement.Clone();
                }
            }
            catch (JsonException)
            {
            }
        }

        throw AgonException.Usage($"the assertion '{type}' takes a JSON Schema object as its \"{key}\"");
    }

    private static double? NumberOf(JsonElement element, string key, string? type)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw AgonException.Usage($"the assertion '{type}' has a \"{key}\" that is not a number");
    }

    private static string Known() => string.Join(", ", AssertionKinds.All.Keys.Order(StringComparer.Ordinal));
}
