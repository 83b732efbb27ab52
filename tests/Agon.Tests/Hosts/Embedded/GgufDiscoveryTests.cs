using Agon.Hosts.Embedded;

namespace Agon.Tests.Hosts.Embedded;

/// <summary>Discovery over temporary folder trees with placeholder files (no weights), laid out like llama-server's router sources.</summary>
public sealed class GgufDiscoveryTests
{
    private static void Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "GGUF placeholder");
    }

    [Fact]
    public void ModelsDir_TopLevelFilesAndSubfolders()
    {
        using var env = new FakeEnvironment();
        var dir = Path.Combine(env.Root, "models");
        Touch(Path.Combine(dir, "stories260K.gguf"));
        Touch(Path.Combine(dir, "notes.txt"));
        Touch(Path.Combine(dir, "mmproj-vision.gguf"));
        Touch(Path.Combine(dir, "big-00002-of-00003.gguf"));
        Touch(Path.Combine(dir, "qwen3-8b", "qwen3-8b-Q4_K_M-00002-of-00002.gguf"));
        Touch(Path.Combine(dir, "qwen3-8b", "qwen3-8b-Q4_K_M-00001-of-00002.gguf"));
        Touch(Path.Combine(dir, "gemma", "mmproj-gemma.gguf"));
        Touch(Path.Combine(dir, "gemma", "gemma-3-4b-it-Q8_0.gguf"));
        Touch(Path.Combine(dir, "empty", "readme.md"));

        var models = GgufDiscovery.Discover([dir], env);

        Assert.Equal(["gemma", "qwen3-8b", "stories260K"], models.Select(m => m.Id));
        Assert.Equal(Path.Combine(dir, "gemma", "gemma-3-4b-it-Q8_0.gguf"), models[0].Path);
        Assert.Equal(Path.Combine(dir, "qwen3-8b", "qwen3-8b-Q4_K_M-00001-of-00002.gguf"), models[1].Path);
        Assert.All(models, m => Assert.Equal("models_dir", m.Source));
    }

    [Fact]
    public void HubCache_RefsMainSnapshot_IdOwnerRepoQuant()
    {
        using var env = new FakeEnvironment();
        var hub = Path.Combine(env.Root, "hub");
        env.Set("HF_HUB_CACHE", hub);
        var repo = Path.Combine(hub, "models--ggml-org--gemma-3-1b-it-GGUF");
        var commit = "0123456789abcdef0123456789abcdef01234567";
        Touch(Path.Combine(repo, "snapshots", commit, "gemma-3-1b-it-Q4_K_M.gguf"));
        Touch(Path.Combine(repo, "snapshots", commit, "gemma-3-1b-it-f16.gguf"));
        Touch(Path.Combine(repo, "snapshots", commit, "mmproj-model-f16.gguf"));
        Touch(Path.Combine(repo, "snapshots", "ffffffffffffffffffffffffffffffffffffffff", "gemma-3-1b-it-Q2_K.gguf"));
        Directory.CreateDirectory(Path.Combine(repo, "refs"));
        File.WriteAllText(Path.Combine(repo, "refs", "main"), commit + "\n");
        Touch(Path.Combine(hub, "datasets--x--y", "snapshots", "a", "data.gguf"));

        var models = GgufDiscovery.Discover([], env);

        Assert.Equal(["ggml-org/gemma-3-1b-it-GGUF:F16", "ggml-org/gemma-3-1b-it-GGUF:Q4_K_M"], models.Select(m => m.Id));
        Assert.All(models, m => Assert.Equal("cache", m.Source));
        Assert.Contains(commit, models[1].Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LLAMA_CACHE", "llama")]
    [InlineData("HF_HOME", "hf")]
    [InlineData("XDG_CACHE_HOME", "xdg")]
    public void HubCache_LocationFromEnvironment(string variable, string folder)
    {
        using var env = new FakeEnvironment();
        var root = Path.Combine(env.Root, folder);
        env.Set(variable, root);

        var hub = GgufDiscovery.HubCache(env);

        Assert.Equal(variable switch
        {
            "HF_HOME" => Path.Combine(root, "hub"),
            "XDG_CACHE_HOME" => Path.Combine(root, "huggingface", "hub"),
            _ => root,
        }, hub);
    }

    [Fact]
    public void HubCache_DefaultUnderHome()
    {
        using var env = new FakeEnvironment();

        Assert.Equal(Path.Combine(env.HomeDirectory, ".cache", "huggingface", "hub"), GgufDiscovery.HubCache(env));
    }

    [Fact]
    public void LegacyFlatCache_Found()
    {
        using var env = new FakeEnvironment();
        Touch(Path.Combine(env.HomeDirectory, ".cache", "llama.cpp", "ggml-org_models_tinyllamas_stories15M-q4_0.gguf"));

        var model = Assert.Single(GgufDiscovery.Discover([], env));

        Assert.Equal("ggml-org_models_tinyllamas_stories15M-q4_0", model.Id);
        Assert.Equal("llama.cpp cache", model.Source);
    }

    [Fact]
    public void ModelsDirWins_OverCacheWithSameId()
    {
        using var env = new FakeEnvironment();
        var dir = Path.Combine(env.Root, "models");
        Touch(Path.Combine(dir, "m.gguf"));
        Touch(Path.Combine(env.HomeDirectory, ".cache", "llama.cpp", "m.gguf"));

        var model = Assert.Single(GgufDiscovery.Discover([dir], env));

        Assert.Equal("models_dir", model.Source);
    }

    [Theory]
    [InlineData("gemma-3-1b-it-Q4_K_M.gguf", "Q4_K_M")]
    [InlineData("model.Q8_0.gguf", "Q8_0")]
    [InlineData("qwen3-8b-IQ4_XS-00001-of-00003.gguf", "IQ4_XS")]
    [InlineData("phi-4-bf16.gguf", "BF16")]
    [InlineData("model-UD-Q4_K_XL.gguf", "UD-Q4_K_XL")]
    [InlineData("stories260K.gguf", null)]
    public void QuantTag_FromFileName(string file, string? tag) => Assert.Equal(tag, GgufDiscovery.QuantTag(file));
}
