using Agon.Configuration;
using Agon.Hosts;
using Agon.Hosts.Embedded;

namespace Agon.Tests.Hosts.Embedded.HuggingFace;

/// <summary>Removing pulled models by llama.cpp's rule (a tag: its entries and orphaned blobs; no tag: the repository).</summary>
public sealed class HubDeleteTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Three tags, two of them the same bytes (one blob), pulled one by one.</summary>
    private static async Task<(string A, string C)> PullDuplicatesAsync(HubTestBed bed)
    {
        var shared = FakeHubRepo.Content(60_000, 7);
        var other = FakeHubRepo.Content(50_000, 8);
        bed.Hub.Repo("acme/dup-GGUF", HubTestBed.Commit).Add("a-Q4_K_M.gguf", shared).Add("b-Q8_0.gguf", shared).Add("c-Q6_K.gguf", other);
        foreach (var tag in new[] { "Q4_K_M", "Q8_0", "Q6_K" })
        {
            var pulled = await bed.RunAsync($"pull models local/acme/dup-GGUF:{tag}");
            Assert.True(pulled.ExitCode == 0, pulled.ToString());
        }

        // The second tag's blob was already there: one download for two entries.
        Assert.Equal(2, bed.Hub.Count("GET", "/acme/dup-GGUF/resolve/"));
        return (FakeHubRepo.Sha256(shared), FakeHubRepo.Sha256(other));
    }

    [Fact]
    public async Task DeletePlan_RemovesUnconfiguredTags_KeepsABlobAnotherEntryStillUses()
    {
        using var bed = new HubTestBed();
        var (shared, other) = await PullDuplicatesAsync(bed);
        bed.Environment.WriteConfig("""{"hosts":[{"name":"local","type":"embedded","models":["acme/dup-GGUF:Q8_0"]}]}""");

        var result = await bed.RunAsync("delete models --yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("delete  local  acme/dup-GGUF:Q4_K_M", result.StdOut);
        Assert.Contains("delete  local  acme/dup-GGUF:Q6_K", result.StdOut);
        var repo = bed.RepoDir("acme/dup-GGUF");
        Assert.Equal(["b-Q8_0.gguf"], Directory.GetFiles(Path.Combine(repo, "snapshots", HubTestBed.Commit)).Select(Path.GetFileName));
        Assert.Equal([shared], Directory.GetFiles(Path.Combine(repo, "blobs")).Select(Path.GetFileName));
        Assert.NotEqual(shared, other);
        var list = await bed.RunAsync("list models --json");
        Assert.Contains("\"model\": \"acme/dup-GGUF:Q8_0\"", list.StdOut);
        Assert.DoesNotContain("Q4_K_M", list.StdOut);
    }

    [Fact]
    public async Task DeleteByName_TagInAnyCase_ThenTheRepositoryWithoutATag()
    {
        using var bed = new HubTestBed();
        var (shared, other) = await PullDuplicatesAsync(bed);
        var repo = bed.RepoDir("acme/dup-GGUF");

        var one = await bed.RunAsync("delete models local/acme/dup-GGUF:q6_k --yes");

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains("delete  local  acme/dup-GGUF:Q6_K", one.StdOut);
        Assert.Equal([shared], Directory.GetFiles(Path.Combine(repo, "blobs")).Select(Path.GetFileName));
        Assert.DoesNotContain(other, Directory.GetFiles(Path.Combine(repo, "blobs")).Select(Path.GetFileName));

        var all = await bed.RunAsync("delete models local/acme/dup-GGUF --yes");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains("delete  local  acme/dup-GGUF:Q4_K_M", all.StdOut);
        Assert.Contains("delete  local  acme/dup-GGUF:Q8_0", all.StdOut);
        Assert.False(Directory.Exists(repo));
    }

    [Fact]
    public async Task DeleteByName_AModelsDirFile_IsAnErrorLine_TheFileStays()
    {
        using var bed = new HubTestBed();
        var dir = Path.Combine(bed.Environment.Root, "gguf");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "mine-Q4_0.gguf"), FakeHubRepo.Content(1000, 1));

        var result = await bed.RunAsync($"delete models local/mine-Q4_0 --models-dir {dir} --yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: model mine-Q4_0 on host local came from its models folder; delete the file on that machine", result.StdErr);
        Assert.True(File.Exists(Path.Combine(dir, "mine-Q4_0.gguf")));
    }

    [Fact]
    public async Task Remove_Tag_ThenNoTag_RemovesTheRepository()
    {
        using var bed = new HubTestBed();
        var (shared, _) = await PullDuplicatesAsync(bed);
        await using var host = Host(bed);

        await host.DeleteAsync("acme/dup-GGUF:Q4_K_M", Token);
        Assert.True(File.Exists(Path.Combine(bed.RepoDir("acme/dup-GGUF"), "blobs", shared)));
        await host.DeleteAsync("acme/dup-GGUF:q8_0", Token);
        Assert.False(File.Exists(Path.Combine(bed.RepoDir("acme/dup-GGUF"), "blobs", shared)));
        await host.DeleteAsync("acme/dup-GGUF", Token);

        Assert.False(Directory.Exists(bed.RepoDir("acme/dup-GGUF")));
        var gone = await Assert.ThrowsAsync<HostException>(() => host.DeleteAsync("acme/dup-GGUF", Token));
        Assert.StartsWith("model acme/dup-GGUF not found on host local", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_AModelsDirFile_Refused_DeleteTheFileYourself()
    {
        using var bed = new HubTestBed();
        var dir = Path.Combine(bed.Environment.Root, "models");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "mine-Q4_0.gguf"), FakeHubRepo.Content(1000, 1));
        await using var host = Host(bed, dir);

        var error = await Assert.ThrowsAsync<HostException>(() => host.DeleteAsync("mine-Q4_0", Token));

        Assert.Equal($"host local: mine-Q4_0 is {Path.Combine(dir, "mine-Q4_0.gguf")} (found in a models folder); Agon deletes only what it pulled into the Hugging Face cache: delete the file yourself", error.Message);
        Assert.True(File.Exists(Path.Combine(dir, "mine-Q4_0.gguf")));
        Assert.False((await host.ListModelsAsync(Token)).Single().CanRemove);
    }

    private static EmbeddedHost Host(HubTestBed bed, params string[] dirs) =>
        new(new HostConfig { Name = "local", Type = HostType.Embedded, ModelsDirs = dirs, Timeout = TimeSpan.FromMinutes(1) }, bed.Environment, bed.Clock, new MemoryLog());
}
