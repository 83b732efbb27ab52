using System.Text.Json.Nodes;

namespace Agon.Tests.TestServices;

/// <summary>A request as the fake server saw it.</summary>
internal sealed record SeenRequest(string Method, string Path, string? Body, string? Authorization, string Accept)
{
    public JsonNode? Json => Body is null ? null : JsonNode.Parse(Body);
}
