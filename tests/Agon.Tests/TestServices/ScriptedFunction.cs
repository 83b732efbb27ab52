using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon.Tests.TestServices;

/// <summary>A tool with a written schema and body (no reflection), for in-memory MCP servers.</summary>
internal sealed class ScriptedFunction(string name, string description, string schema, Func<AIFunctionArguments, CancellationToken, ValueTask<object?>> body) : AIFunction
{
    private readonly JsonElement _schema = JsonDocument.Parse(schema).RootElement.Clone();

    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => _schema;

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) => body(arguments, cancellationToken);

    public static int Int(AIFunctionArguments arguments, string key) =>
        arguments.TryGetValue(key, out var value) && value is JsonElement { ValueKind: JsonValueKind.Number } e ? e.GetInt32() : throw new ArgumentException($"{key} must be a number");
}
