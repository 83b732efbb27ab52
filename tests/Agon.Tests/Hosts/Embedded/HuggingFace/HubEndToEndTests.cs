namespace Agon.Tests.Hosts.Embedded.HuggingFace;

/// <summary>
/// The whole way on a real model: stories260K (from shared/models, served by the fake hub under a tagged name, since
/// llama.cpp lists only tagged cache files) pulled into an empty cache, then chatted with through <c>local</c>.
/// </summary>
public sealed class HubEndToEndTests
{
    [Fact]
    public async Task PullStories_IntoAnEmptyCache_ThenChatThroughLocal()
    {
        SharedModels.RequireOrSkip();
        using var bed = new HubTestBed();
        bed.Hub.Repo("karpathy/tinyllamas-GGUF", HubTestBed.Commit)
            .Add("README.md", "stories260K\n"u8.ToArray(), lfs: false)
            .Add("stories260K-F32.gguf", File.ReadAllBytes(SharedModels.Path("stories260K.gguf")));

        var pull = await bed.RunAsync("pull models local/karpathy/tinyllamas-GGUF");
        var chat = await bed.RunAsync("chat --target local/karpathy/tinyllamas-GGUF:F32 -p \"Once upon a time\" --param temperature=0 --param max_tokens=30");

        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.Contains("local/karpathy/tinyllamas-GGUF:F32: pulled, size and sha256 checked: stories260K-F32.gguf, 1 MB", pull.StdOut);
        Assert.True(chat.ExitCode == 0, chat.ToString());
        var words = chat.StdOut.Split([' ', '.', ',', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(words, w => w is "the" or "was" or "a" or "and" or "to");
    }

    [Fact]
    public async Task FirstRun_ChatPull_PullsTheRecommendedModel_ThenAnswers()
    {
        SharedModels.RequireOrSkip();
        using var bed = new HubTestBed();
        // The recommended repository, with stories260K's bytes standing in for the real 250 MB file.
        bed.Hub.Repo("unsloth/gemma-3-270m-it-GGUF", HubTestBed.Commit)
            .Add("gemma-3-270m-it-Q8_0.gguf", FakeHubRepo.Content(1000, 3))
            .Add("gemma-3-270m-it-Q4_K_M.gguf", File.ReadAllBytes(SharedModels.Path("stories260K.gguf")));

        var first = await bed.RunAsync("chat -p \"Once upon a time\" --param temperature=0 --param max_tokens=20");
        var pulled = await bed.RunAsync("chat --pull -p \"Once upon a time\" --param temperature=0 --param max_tokens=20");
        var again = await bed.RunAsync("chat --pull -p \"Once upon a time\" --param temperature=0 --param max_tokens=20");

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("run agon pull models local/unsloth/gemma-3-270m-it-GGUF:Q4_K_M (about 250 MB; agon chat --pull pulls it and chats)", first.StdErr);
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Contains("local/unsloth/gemma-3-270m-it-GGUF:Q4_K_M: pulled, size and sha256 checked", pulled.StdErr);
        Assert.False(string.IsNullOrWhiteSpace(pulled.StdOut));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("pulled", again.StdErr);
        Assert.Equal(1, bed.Hub.Count("GET", "/unsloth/gemma-3-270m-it-GGUF/resolve/"));
    }

    [Fact]
    public async Task ChatPull_ExplicitTarget_PulledFirst_ThenChatted()
    {
        SharedModels.RequireOrSkip();
        using var bed = new HubTestBed();
        bed.Hub.Repo("karpathy/tinyllamas-GGUF", HubTestBed.Commit).Add("stories260K-F32.gguf", File.ReadAllBytes(SharedModels.Path("stories260K.gguf")));

        var chat = await bed.RunAsync("chat --pull --target local/karpathy/tinyllamas-GGUF -p \"Once upon a time\" --param max_tokens=10 --output json");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Contains("\"model\": \"karpathy/tinyllamas-GGUF:F32\"", chat.StdOut);
        Assert.Contains("local/karpathy/tinyllamas-GGUF:F32: pulled", chat.StdErr);
    }
}
