using System.Text.Json.Nodes;
using Agon.Chat;
using Agon.Hosts;
using Agon.Hosts.Embedded;

namespace Agon.Tests.Chat;

/// <summary>
/// The target a chat picks with no <c>--target</c>: configured models first, then a model that can write text
/// (never a BERT, never a file that is not a valid GGUF), the most parameters first, then by name; and what
/// <c>list models</c> says about those files.
/// </summary>
public sealed class DefaultTargetTests
{
    /// <summary>A models folder with a BERT, a text file named .gguf, a truncated GGUF and the two generative tiny models.</summary>
    private static string MixedFolder(FakeEnvironment env, bool generative = true)
    {
        SharedModels.RequireOrSkip();
        var dir = Path.Combine(env.Root, "models");
        Directory.CreateDirectory(dir);
        File.Copy(SharedModels.Path("toy-bert-embed-synthetic.gguf"), Path.Combine(dir, "toy-bert-embed-synthetic.gguf"));
        File.WriteAllText(Path.Combine(dir, "aaa-notes.gguf"), new string('x', 4_000_000));
        var stories = File.ReadAllBytes(SharedModels.Path("stories260K.gguf"));
        File.WriteAllBytes(Path.Combine(dir, "cut-short.gguf"), stories[..300_000]);
        if (generative)
        {
            File.Copy(SharedModels.Path("stories260K.gguf"), Path.Combine(dir, "stories260K.gguf"));
            File.Copy(SharedModels.Path("llama-2-tiny-random.gguf"), Path.Combine(dir, "llama-2-tiny-random.gguf"));
        }

        return dir;
    }

    [Fact]
    public async Task NoTarget_InProcess_PicksTheLargestGenerativeModel_AnnouncesIt()
    {
        using var env = new FakeEnvironment();
        var dir = MixedFolder(env);

        var result = await AgonRunner.RunAsync(env, $"chat --models-dir {dir} -p \"Once upon a time\" --max-tokens 4");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("using local/llama-2-tiny-random\n", result.StdErr);
    }

    [Fact]
    public async Task NoTarget_JsonOutput_SameChoice_NoAnnouncement()
    {
        using var env = new FakeEnvironment();
        var dir = MixedFolder(env);

        var result = await AgonRunner.RunAsync(env, $"chat --models-dir {dir} -p \"Once upon a time\" --max-tokens 4 --output json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("local/llama-2-tiny-random", (string?)JsonNode.Parse(result.StdOut)!["results"]![0]!["target"]);
        Assert.DoesNotContain("using ", result.StdErr);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" --raw")]
    public async Task BertNamedAsTheTarget_SaysItCannotWriteText_Exit1(string flags)
    {
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, $"chat --models-dir {SharedModels.Directory} --target local/toy-bert-embed-synthetic -p hi" + flags);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.Equal(
            "error: toy-bert-embed-synthetic on host local: cannot write text: it is an embedding model (bert, an encoder); "
            + "embed with it (agon embed --target local/toy-bert-embed-synthetic) or chat with another",
            result.StdErr.Trim());
    }

    [Fact]
    public async Task NoTarget_OnlyABertAndBrokenFiles_SaysWhyNoneCanChat_Exit1()
    {
        using var env = new FakeEnvironment();
        var dir = MixedFolder(env, generative: false);

        var result = await AgonRunner.RunAsync(env, $"chat --models-dir {dir} -p hi");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "error: no model to chat with (aaa-notes failed: aaa-notes.gguf is not a GGUF file; cut-short failed: cut-short.gguf is truncated: it has 300000 bytes, its tensors need 1185376; toy-bert-embed-synthetic only embeds): run agon pull models local/",
            result.StdErr);
    }

    [Fact]
    public async Task ExplicitTarget_TruncatedFile_RefusedBeforeLoading_Exit1()
    {
        using var env = new FakeEnvironment();
        var dir = MixedFolder(env, generative: false);

        var result = await AgonRunner.RunAsync(env, $"chat --models-dir {dir} -t local/cut-short -p hi");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: cut-short on host local: failed to load: cut-short.gguf is truncated: it has 300000 bytes, its tensors need 1185376\n", result.StdErr);
    }

    [Fact]
    public async Task ConfiguredModelsComeFirst()
    {
        using var env = new FakeEnvironment();
        var dir = MixedFolder(env);
        env.WriteConfig($$"""{"hosts": [{"name": "local", "type": "embedded", "modelsDir": "{{System.Text.Json.JsonEncodedText.Encode(dir)}}", "models": ["stories260K"]}]}""");

        var result = await AgonRunner.RunAsync(env, "chat -p \"Once upon a time\" --max-tokens 4");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("using local/stories260K\n", result.StdErr);
    }

    [Fact]
    public async Task ListModels_InProcess_FailedWithReason_QuantContextCapabilitiesFromTheFile()
    {
        using var env = new FakeEnvironment();
        var dir = MixedFolder(env);

        var text = await AgonRunner.RunAsync(env, $"list models --models-dir {dir}");
        var json = await AgonRunner.RunAsync(env, $"list models --models-dir {dir} --json");

        Assert.Equal(0, text.ExitCode);
        var lines = text.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.RegularExpressions.Regex.Replace(l, " {2,}", "|")).ToList();
        Assert.Equal("HOST|MODEL|STATUS|CONFIGURED|SIZE|QUANT|CONTEXT|CAPABILITIES", lines[0]);
        Assert.Contains("local|aaa-notes|failed|no|4 MB|-|-|-", lines);
        Assert.Contains("local|stories260K|unloaded|no|1 MB|F32|2048|completion,embedding", lines);
        Assert.Contains("local|toy-bert-embed-synthetic|unloaded|no|496 kB|F32|512|embedding", lines);
        Assert.Contains("local/aaa-notes failed: aaa-notes.gguf is not a GGUF file", text.StdErr);
        Assert.Contains("local/cut-short failed: cut-short.gguf is truncated: it has 300000 bytes, its tensors need 1185376", text.StdErr);

        Schemas.AssertValid("list-models", json.StdOut);
        var rows = JsonNode.Parse(json.StdOut)!.AsArray().ToDictionary(r => (string)r!["model"]!);
        Assert.Equal("failed", (string?)rows["cut-short"]!["status"]);
        Assert.Equal(["completion", "embedding"], rows["llama-2-tiny-random"]!["capabilities"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("F16", (string?)rows["llama-2-tiny-random"]!["quantization"]);
        Assert.Equal("llama", (string?)rows["stories260K"]!["family"]);
    }

    [Fact]
    public void GgufHeader_ParameterCountAndFacts_WithoutLoading()
    {
        SharedModels.RequireOrSkip();

        var stories = GgufHeader.Read(SharedModels.Path("stories260K.gguf"));
        var tiny = GgufHeader.Read(SharedModels.Path("llama-2-tiny-random.gguf"));
        var bert = GgufHeader.Read(SharedModels.Path("toy-bert-embed-synthetic.gguf"));

        Assert.Equal("llama", stories.Architecture);
        Assert.Equal(2048, stories.TrainingContextLength);
        Assert.InRange(stories.ParameterCount, 250_000, 300_000);
        Assert.True(tiny.ParameterCount > stories.ParameterCount);
        Assert.True(bert.EmbeddingOnly);
        Assert.Equal(["embedding"], bert.Capabilities);
    }

    [Fact]
    public void Pick_GenerativeOnly_LargestFirst_ThenByName()
    {
        ModelInfo M(string id, long? parameters = null, string? size = null, string status = ModelStatus.Available, string? family = null, params string[] capabilities) =>
            new() { Id = id, Status = status, ParameterCount = parameters, ParameterSize = size, Family = family, Capabilities = capabilities };

        Assert.Equal("qwen3:8b", DefaultModel.Pick([M("llama3.2", size: "3.2B"), M("nomic-embed-text", size: "137M", family: "nomic-bert"), M("qwen3:8b", size: "8.2B")])!.Id);
        Assert.Equal("b", DefaultModel.Pick([M("huge", 9_000_000, status: ModelStatus.Failed), M("bert", 5_000_000, capabilities: "embedding"), M("c", 100, capabilities: "completion"), M("b", 100, capabilities: ["completion", "embedding"])])!.Id);
        Assert.Equal("a", DefaultModel.Pick([M("z"), M("a")])!.Id);
        Assert.Null(DefaultModel.Pick([M("bert", capabilities: "embedding"), M("broken", status: ModelStatus.Failed)]));
    }
}
