using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Agon.Hosts.Embedded;

/// <summary>
/// GBNF grammars (the only constraint libllama takes) for JSON mode: any JSON object, or one matching a JSON Schema.
/// The schema converter covers <c>type</c> (several, <c>null</c> included), <c>properties</c>, <c>required</c>,
/// <c>enum</c>, <c>const</c>, <c>items</c>, <c>minItems</c>/<c>maxItems</c> and <c>anyOf</c>; annotations are ignored and
/// any other keyword is refused with a clear message. Objects are produced with every declared property, in order,
/// which always satisfies <c>required</c>.
/// </summary>
internal static class JsonGrammar
{
    public static readonly IReadOnlyList<string> Supported = ["type", "properties", "required", "enum", "const", "items", "minItems", "maxItems", "anyOf"];

    private static readonly HashSet<string> s_annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "format", "additionalProperties", "readOnly", "writeOnly", "deprecated",
    };

    private const string Common = """
        ws ::= "" | " " | "\n" [ \t]{0,8}
        string ::= "\"" char* "\""
        char ::= [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})
        number ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,15})? ([eE] [-+]? [0-9]{1,3})?
        integer ::= "-"? ("0" | [1-9] [0-9]{0,15})
        boolean ::= "true" | "false"
        null ::= "null"
        value ::= object | array | string | number | boolean | null
        object ::= "{" ws ( string ws ":" ws value ( ws "," ws string ws ":" ws value )* )? ws "}"
        array ::= "[" ws ( value ( ws "," ws value )* )? ws "]"
        """;

    /// <summary>Any JSON object.</summary>
    public static string AnyObject { get; } = "root ::= object\n" + Common + "\n";

    /// <summary>A grammar for instances of <paramref name="schema"/>.</summary>
    public static string FromSchema(JsonElement schema)
    {
        var converter = new Converter();
        var root = converter.Visit(schema, "$");
        return "root ::= " + root + "\n" + string.Concat(converter.Rules) + Common + "\n";
    }

    /// <summary>
    /// Tool mode (<see cref="EmbeddedToolMode"/>): a call of one of the tools, <c>{"tool": "&lt;name&gt;", "arguments": …}</c>
    /// with arguments matching that tool's input schema (any object when the schema uses a keyword the converter does not
    /// know), or, when <paramref name="allowAnswer"/>, <c>{"answer": "…"}</c>. Strings are bounded, so even a tiny model
    /// at a high temperature closes its object before the token limit.
    /// </summary>
    public static string ForTools(IReadOnlyList<(string Name, JsonElement Schema)> tools, bool allowAnswer)
    {
        var converter = new Converter();
        var alternatives = new List<string>();
        foreach (var (name, schema) in tools)
        {
            string arguments;
            if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
                || properties.ValueKind != JsonValueKind.Object || !properties.EnumerateObject().Any())
            {
                arguments = "\"{\" ws \"}\"";
            }
            else
            {
                try
                {
                    arguments = converter.Visit(schema, "$");
                }
                catch (AgonException)
                {
                    arguments = "object";
                }
            }

            alternatives.Add("\"{\" ws " + Literal("\"tool\"") + " ws \":\" ws " + Literal(JsonSerializerEncode(name)) + " ws \",\" ws "
                + Literal("\"arguments\"") + " ws \":\" ws " + arguments + " ws \"}\"");
        }

        if (allowAnswer)
        {
            alternatives.Add("\"{\" ws " + Literal("\"answer\"") + " ws \":\" ws string ws \"}\"");
        }

        return "root ::= " + string.Join(" | ", alternatives) + "\n" + string.Concat(converter.Rules)
            + Common.Replace("char*", "char{0,160}", StringComparison.Ordinal) + "\n";
    }

    private sealed class Converter
    {
        public List<string> Rules { get; } = [];

        public string Visit(JsonElement schema, string path)
        {
            if (schema.ValueKind == JsonValueKind.True)
            {
                return "value";
            }

            if (schema.ValueKind != JsonValueKind.Object)
            {
                throw Unsupported(path, "a schema must be an object or true");
            }

            foreach (var property in schema.EnumerateObject())
            {
                if (!Supported.Contains(property.Name) && !s_annotations.Contains(property.Name))
                {
                    throw Unsupported(path, $"keyword '{property.Name}'");
                }
            }

            if (schema.TryGetProperty("const", out var constant))
            {
                return Rule(Literal(constant.GetRawText()));
            }

            if (schema.TryGetProperty("enum", out var options))
            {
                return Rule(string.Join(" | ", options.EnumerateArray().Select(o => Literal(o.GetRawText()))));
            }

            if (schema.TryGetProperty("anyOf", out var anyOf))
            {
                var index = 0;
                return Rule(string.Join(" | ", anyOf.EnumerateArray().Select(a => Visit(a, $"{path}.anyOf[{index++}]"))));
            }

            var types = !schema.TryGetProperty("type", out var type) ? Implied(schema)
                : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
                : [type.GetString() ?? ""];
            return Rule(string.Join(" | ", types.Select(t => ForType(t, schema, path))));
        }

        private static List<string> Implied(JsonElement schema) =>
            schema.TryGetProperty("properties", out _) ? ["object"] : schema.TryGetProperty("items", out _) ? ["array"] : ["any"];

        private string ForType(string type, JsonElement schema, string path) => type switch
        {
            "object" => Object(schema, path),
            "array" => Array(schema, path),
            "string" or "number" or "integer" or "boolean" or "null" => type,
            "any" => "value",
            _ => throw Unsupported(path, $"type '{type}'"),
        };

        private string Object(JsonElement schema, string path)
        {
            if (!schema.TryGetProperty("properties", out var properties) || !properties.EnumerateObject().Any())
            {
                return "object";
            }

            var members = properties.EnumerateObject()
                .Select(p => Literal(JsonSerializerEncode(p.Name)) + " ws \":\" ws " + Visit(p.Value, $"{path}.properties.{p.Name}"))
                .ToList();
            return "\"{\" ws " + string.Join(" ws \",\" ws ", members) + " ws \"}\"";
        }

        private string Array(JsonElement schema, string path)
        {
            var item = schema.TryGetProperty("items", out var items) ? Visit(items, $"{path}.items") : "value";
            var min = schema.TryGetProperty("minItems", out var minItems) ? minItems.GetInt32() : 0;
            int? max = schema.TryGetProperty("maxItems", out var maxItems) ? maxItems.GetInt32() : null;
            if (max is 0)
            {
                return "\"[\" ws \"]\"";
            }

            var more = $"( ws \",\" ws {item} )";
            var repeat = max is { } m
                ? string.Create(CultureInfo.InvariantCulture, $"{more}{{{Math.Max(0, min - 1)},{m - 1}}}")
                : string.Create(CultureInfo.InvariantCulture, $"{more}{{{Math.Max(0, min - 1)},}}");
            var list = $"{item} {repeat}";
            return min == 0 ? $"\"[\" ws ( {list} )? ws \"]\"" : $"\"[\" ws {list} ws \"]\"";
        }

        private string Rule(string body)
        {
            var name = "r" + Rules.Count.ToString(CultureInfo.InvariantCulture);
            Rules.Add($"{name} ::= {body}\n");
            return name;
        }

        private static AgonException Unsupported(string path, string what) =>
            AgonException.Usage($"JSON schema {what} at {path} is not supported by the in-process engine (supported: {string.Join(", ", Supported)})");
    }

    private static string JsonSerializerEncode(string name) => "\"" + JsonEncodedText.Encode(name).Value + "\"";

    /// <summary>A GBNF string literal matching <paramref name="text"/> exactly.</summary>
    private static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
