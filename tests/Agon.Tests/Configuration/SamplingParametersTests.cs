using System.Text.Json;
using System.Text.Json.Nodes;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts.LlamaCpp;
using Agon.Hosts.Ollama;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Configuration;

/// <summary>
/// The one table of sampling parameters: each entry is read from the file, shown, and sent under the spelling the
/// table gives for each backend; the README lists every spelling.
/// </summary>
public sealed class SamplingParametersTests
{
    public static TheoryData<string> Keys => [.. SamplingParameters.All.Select(p => p.Key)];

    [Fact]
    public void Spellings_AreUnique_AndEveryParameterHasAnOllamaName()
    {
        var spellings = SamplingParameters.Spellings;
        Assert.Equal(spellings.Count, spellings.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(SamplingParameters.All, p => Assert.NotNull(p.Ollama));
        Assert.All(SamplingParameters.All.Where(p => p.InChatOptions), p => Assert.NotNull(p.LlamaCpp));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EachParameter_ReadFromTheFile_ShownUnderItsKey(string key)
    {
        var parameter = SamplingParameters.WithKey(key)!;
        foreach (var spelling in parameter.Spellings)
        {
            var diagnostics = new ConfigDiagnostics("test");
            using var document = JsonDocument.Parse($$"""{"{{spelling}}": {{Sample(parameter)}}}""");

            var read = new ParametersReader(diagnostics).Read(document.RootElement, "parameters");

            Assert.Empty(diagnostics.Errors);
            Assert.Empty(read.Extra);
            Assert.NotNull(parameter.ValueIn(read));
            Assert.Equal(new[] { key }, ParameterValues.Of(read).Select(p => p.Key));
        }
    }

    [Fact]
    public void EveryParameter_SentUnderTheTablesSpelling_ToLlamaCppAndOllama()
    {
        var options = ChatOptionsFactory.Create(AllSet());
        var chat = JsonNode.Parse(LlamaCppChatRequestWriter.Write("m", [new(ChatRole.User, "hi")], options, stream: false))!.AsObject();
        var completion = JsonNode.Parse(LlamaCppChatRequestWriter.WriteCompletion("m", "hi", options, stream: false))!.AsObject();
        var ollama = JsonNode.Parse(OllamaChatRequestWriter.Write("m", [new(ChatRole.User, "hi")], options, stream: false, keepAlive: null))!["options"]!.AsObject();

        foreach (var parameter in SamplingParameters.All)
        {
            if (parameter.LlamaCpp is { } name)
            {
                Assert.True(chat.ContainsKey(name), $"llama.cpp chat body lacks {name}: {chat.ToJsonString()}");
                Assert.True(completion.ContainsKey(parameter.LlamaCppCompletion!), $"llama.cpp completion body lacks {parameter.LlamaCppCompletion}");
            }
            else
            {
                Assert.False(chat.ContainsKey(parameter.Key), $"{parameter.Key} is not for llama.cpp");
            }

            Assert.True(ollama.ContainsKey(parameter.Ollama!), $"Ollama options lack {parameter.Ollama}: {ollama.ToJsonString()}");
        }

        Assert.Equal(SamplingParameters.All.Count, ollama.Count);
    }

    [Fact]
    public void Readme_HostParametersRow_NamesEverySpelling()
    {
        var readme = File.ReadAllLines(Path.Combine(AgonConfigCompatibilityTests.RepositoryRoot(), "README.md"));
        var row = Assert.Single(readme, l => l.StartsWith("| `parameters` |", StringComparison.Ordinal));

        Assert.All(SamplingParameters.Spellings, s => Assert.Contains($"`{s}`", row, StringComparison.Ordinal));
    }

    private static string Sample(SamplingParameter parameter) => parameter.Kind switch
    {
        ConfigValueKind.Number => "0.5",
        ConfigValueKind.StringList => "[\"</s>\"]",
        _ => "2",
    };

    private static ModelParameters AllSet()
    {
        var json = new JsonObject();
        foreach (var parameter in SamplingParameters.All)
        {
            json[parameter.Key] = JsonNode.Parse(Sample(parameter));
        }

        using var document = JsonDocument.Parse(json.ToJsonString());
        return new ParametersReader(new ConfigDiagnostics("test")).Read(document.RootElement, "parameters");
    }
}
