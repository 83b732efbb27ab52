using System.Text.Json;

namespace Agon.Hosts.Ollama;

/// <summary>A tool call's function: its name and its arguments as an object.</summary>
internal sealed record OllamaFunctionCall(string? Name, Dictionary<string, JsonElement>? Arguments);
