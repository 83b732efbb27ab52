using Agon.Hosts.Embedded;
using Agon.Hosts.Embedded.HuggingFace;

namespace Agon.Tests.Hosts.Embedded.HuggingFace;

/// <summary>llama.cpp's name, tag, selection, token, endpoint and listing rules (reference note §2, §3, §5).</summary>
public sealed class HubRulesTests
{
    private static HubFile F(string path) => new(path, new string('a', 64), null, 1);

    private static string[] Pick(string model, params string[] paths) =>
        HubFileSelection.Select(HubModelName.Parse(model), null, paths.Select(F).ToList()).Select(f => f.Path).ToArray();

    [Fact]
    public void Selection_DefaultTags_Q4KMThenQ8_0ThenTheFirstModelFile()
    {
        Assert.Equal(["m-Q4_K_M.gguf"], Pick("a/b", "m-Q8_0.gguf", "m-Q4_K_M.gguf"));
        Assert.Equal(["m-Q8_0.gguf"], Pick("a/b", "m-F16.gguf", "m-Q8_0.gguf"));
        Assert.Equal(["m-F16.gguf"], Pick("a/b", "mmproj-m-Q4_K_M.gguf", "README.md", "m-F16.gguf", "m-BF16.gguf"));
    }

    [Fact]
    public void Selection_SkipsProjectorImatrixDraftsAndLaterShards()
    {
        Assert.Equal(["m-Q4_K_M.gguf"], Pick("a/b:Q4_K_M",
            "mmproj-m-Q4_K_M.gguf", "m-Q4_K_M.imatrix.gguf", "mtp-m-Q4_K_M.gguf", "eagle3-m-Q4_K_M.gguf", "dflash-m-Q4_K_M.gguf", "dspark-m-Q4_K_M.gguf", "m-Q4_K_M.gguf"));
        Assert.Equal(["x/big-Q4_K_M-00001-of-00002.gguf", "x/big-Q4_K_M-00002-of-00002.gguf"],
            Pick("a/b:q4_k_m", "x/big-Q4_K_M-00002-of-00002.gguf", "x/big-Q4_K_M-00001-of-00002.gguf", "y/big-Q4_K_M-00002-of-00003.gguf"));
    }

    [Fact]
    public void Selection_TagMatchesAnywhereBeforeADotOrDash()
    {
        Assert.Equal(["m-UD-Q4_K_XL.gguf"], Pick("a/b:Q4_K_XL", "m-UD-Q4_K_XL.gguf"));
        Assert.Equal(["Q5_K_M/m-Q5_K_M-00001-of-00002.gguf", "Q5_K_M/m-Q5_K_M-00002-of-00002.gguf"],
            Pick("a/b:Q5_K_M", "Q5_K_M/m-Q5_K_M-00001-of-00002.gguf", "Q5_K_M/m-Q5_K_M-00002-of-00002.gguf"));
    }

    [Fact]
    public void Selection_HfFile_Exact()
    {
        var files = new[] { "m-Q4_K_M.gguf", "sub/m-Q2_K.gguf" }.Select(F).ToList();

        Assert.Equal("sub/m-Q2_K.gguf", Assert.Single(HubFileSelection.Select(HubModelName.Parse("a/b:Q4_K_M"), "sub/m-Q2_K.gguf", files)).Path);
    }

    [Theory]
    [InlineData("owner/repo", "owner/repo", "")]
    [InlineData("owner/repo:Q4_K_M", "owner/repo", "Q4_K_M")]
    [InlineData("owner/repo:", "owner/repo", "")]
    [InlineData("Qwen/Qwen2.5-0.5B-Instruct-GGUF:q8_0", "Qwen/Qwen2.5-0.5B-Instruct-GGUF", "q8_0")]
    [InlineData("a_b/c.d-e", "a_b/c.d-e", "")]
    public void Name_Valid(string value, string repo, string tag)
    {
        Assert.True(HubModelName.TryParse(value, out var name));
        Assert.Equal((repo, tag), (name.Repo, name.Tag));
    }

    [Theory]
    [InlineData("repo")]
    [InlineData("a/b/c")]
    [InlineData("a/b:c:d")]
    [InlineData("-a/b")]
    [InlineData("a/b-")]
    [InlineData("a//b")]
    [InlineData("a/b c")]
    [InlineData("a/..")]
    public void Name_Invalid(string value) => Assert.False(HubModelName.TryParse(value, out _));

    [Fact]
    public void Name_TooLong_Invalid() => Assert.False(HubModelName.TryParse("a/" + new string('b', 255), out _));

    [Theory]
    [InlineData("hf_abcdefghijklmnopqrstuvwxyz01234567", true)]
    [InlineData("hf_abcdefghijklmnopqrstuvwxyz0123456", false)]
    [InlineData("hf_abcdefghijklmnopqrstuvwxyz0123456-", false)]
    [InlineData("xx_abcdefghijklmnopqrstuvwxyz01234567", false)]
    public void Token_LooksValid_ByLlamaCppsRule(string token, bool valid) => Assert.Equal(valid, HubToken.LooksValid(token));

    [Fact]
    public void Endpoint_ModelEndpoint_ThenHfEndpoint_ThenHuggingFace_AlwaysWithASlash()
    {
        using var env = new FakeEnvironment();
        Assert.Equal("https://huggingface.co/", HubEndpoint.Resolve(env).ToString());
        env.Set("HF_ENDPOINT", "http://mirror.lan:8080/hf");
        Assert.Equal("http://mirror.lan:8080/hf/", HubEndpoint.Resolve(env).ToString());
        env.Set("MODEL_ENDPOINT", "http://models.lan");
        Assert.Equal("http://models.lan/", HubEndpoint.Resolve(env).ToString());
        env.Set("MODEL_ENDPOINT", "ftp://x");
        Assert.Contains("is not an http:// or https:// URL", Assert.Throws<AgonException>(() => HubEndpoint.Resolve(env)).Message);
    }

    [Fact]
    public void CacheRoot_LlamaCacheFirst_ThenHfHubCache_ThenHuggingFaceHubCache_ThenHfHome()
    {
        using var env = new FakeEnvironment();
        env.Set("HF_HOME", "/h").Set("HUGGINGFACE_HUB_CACHE", "/hh").Set("HF_HUB_CACHE", "/hc").Set("XDG_CACHE_HOME", "/x");
        Assert.Equal("/hc", GgufDiscovery.HubCache(env));
        env.Set("LLAMA_CACHE", "/l");
        Assert.Equal("/l", GgufDiscovery.HubCache(env));
        env.Set("LLAMA_CACHE", "").Set("HF_HUB_CACHE", "");
        Assert.Equal("/hh", GgufDiscovery.HubCache(env));
        env.Set("HUGGINGFACE_HUB_CACHE", "");
        Assert.Equal(Path.Combine("/h", "hub"), GgufDiscovery.HubCache(env));
    }

    [Theory]
    [InlineData("model-UD-Q4_K_XL.gguf", "Q4_K_XL")]
    [InlineData("gemma-3-1b-it-f16.gguf", "F16")]
    [InlineData("qwen3-8b-IQ4_XS-00001-of-00003.gguf", "IQ4_XS")]
    [InlineData("model.Q8_0.gguf", "Q8_0")]
    [InlineData("stories260K.gguf", "")]
    [InlineData("dir-Q4_0/stories260K.gguf", "")]
    public void Tag_LlamaCppsRule(string path, string tag) => Assert.Equal(tag, GgufFileName.Tag(path));

    [Fact]
    public void Discovery_HubCache_IdsByLlamaCppsTagRule_TaglessFilesNotListed()
    {
        using var env = new FakeEnvironment();
        var hub = Path.Combine(env.Root, "hub");
        env.Set("HF_HUB_CACHE", hub);
        var snapshot = Path.Combine(hub, "models--acme--m-GGUF", "snapshots", HubTestBed.Commit);
        Directory.CreateDirectory(Path.Combine(snapshot, "deep"));
        foreach (var file in new[] { "m-UD-Q4_K_XL.gguf", "stories260K.gguf", "deep/m-Q2_K-00001-of-00002.gguf", "deep/m-Q2_K-00002-of-00002.gguf", "m-Q4_K_M.imatrix.gguf" })
        {
            File.WriteAllText(Path.Combine(snapshot, file), "GGUF");
        }

        var models = GgufDiscovery.Discover([], env);

        Assert.Equal(["acme/m-GGUF:Q2_K", "acme/m-GGUF:Q4_K_XL"], models.Select(m => m.Id));
    }
}
