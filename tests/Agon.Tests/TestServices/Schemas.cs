using System.Text.Json;
using Agon.Chat;

namespace Agon.Tests.TestServices;

/// <summary>The documented JSON schemas of command output (docs/json), checked against real output.</summary>
internal static class Schemas
{
    public static void AssertValid(string schemaName, string json)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", schemaName + ".schema.json")));
        using var document = JsonDocument.Parse(json);
        var errors = JsonSchemaValidator.Validate(document.RootElement, schema.RootElement);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + json);
    }
}
