using System.Text.Json;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Hosts.Embedded;

namespace Agon.Tests.Hosts.Embedded.HuggingFace;

/// <summary>
/// <c>agon pull models local/owner/repo[:TAG]</c> through the real command line against a fake hub on 127.0.0.1
/// (written from the reference note, not recorded) into an empty temporary hub cache.
/// </summary>
public sealed class HubPullTests
{
    private static string Sha(byte[] content) => FakeHubRepo.Sha256(content);

    [Fact]
    public async Task Pull_NoTag_PicksQ4KM_WritesTheHubLayout_ListsOwnerRepoTag()
    {
        using var bed = new HubTestBed();
        bed.Tiny();

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF");

        Assert.True(result.ExitCode == 0, result.ToString());
        var content = bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf");
        var repo = bed.RepoDir("acme/tiny-GGUF");
        var snapshot = Path.Combine(repo, "snapshots", HubTestBed.Commit, "model-Q4_K_M.gguf");
        Assert.Equal("../../blobs/" + Sha(content), new FileInfo(snapshot).LinkTarget);
        Assert.Equal(content, File.ReadAllBytes(snapshot));
        Assert.Equal(HubTestBed.Commit, File.ReadAllText(Path.Combine(repo, "refs", "main")));
        Assert.Equal([Sha(content)], Directory.GetFiles(Path.Combine(repo, "blobs")).Select(Path.GetFileName));
        Assert.Equal(["model-Q4_K_M.gguf"], Directory.GetFiles(Path.Combine(repo, "snapshots", HubTestBed.Commit)).Select(Path.GetFileName));
        Assert.Contains($"local/acme/tiny-GGUF:Q4_K_M: pulled, size and sha256 checked: model-Q4_K_M.gguf, 200 kB, in {repo}", result.StdOut);
        Assert.Equal(1, bed.Hub.Count("GET", "/api/models/acme/tiny-GGUF/refs"));
        Assert.Equal(1, bed.Hub.Count("GET", "/api/models/acme/tiny-GGUF/tree/" + HubTestBed.Commit));
        Assert.Equal(1, bed.Hub.Count("GET", "/acme/tiny-GGUF/resolve/" + HubTestBed.Commit + "/model-Q4_K_M.gguf"));
        Assert.All(bed.Hub.Requests, r => Assert.StartsWith("agon/", r.UserAgent, StringComparison.Ordinal));

        var list = await bed.RunAsync("list models --json");
        Assert.Contains("\"model\": \"acme/tiny-GGUF:Q4_K_M\"", list.StdOut);
    }

    [Theory]
    [InlineData("acme/tiny-GGUF:q8_0", "model-Q8_0.gguf", "Q8_0")]
    [InlineData("acme/tiny-GGUF:Q4_K_XL", "model-UD-Q4_K_XL.gguf", "Q4_K_XL")]
    [InlineData("acme/tiny-GGUF:Q4_0", "sub/dir/x-Q4_0.gguf", "Q4_0")]
    public async Task Pull_Tag_CaseInsensitive_UdPrefix_DeepPath(string model, string file, string tag)
    {
        using var bed = new HubTestBed();
        bed.Tiny();

        var result = await bed.RunAsync($"pull models local/{model}");

        Assert.True(result.ExitCode == 0, result.ToString());
        var snapshot = Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "snapshots", HubTestBed.Commit, file);
        var depth = file.Count(c => c == '/');
        Assert.Equal(string.Concat(Enumerable.Repeat("../", depth + 2)) + "blobs/" + Sha(bed.Content("acme/tiny-GGUF", file)), new FileInfo(snapshot).LinkTarget);
        Assert.Equal(bed.Content("acme/tiny-GGUF", file), File.ReadAllBytes(snapshot));
        var list = await bed.RunAsync("list models --json");
        Assert.Contains($"\"model\": \"acme/tiny-GGUF:{tag}\"", list.StdOut);
    }

    [Fact]
    public async Task Pull_SplitModel_AllShardsTogether_ProjectorSkipped_OneListing()
    {
        using var bed = new HubTestBed();
        bed.Hub.Repo("acme/big-GGUF", HubTestBed.Commit)
            .Add("mmproj-big-Q4_K_M.gguf", 30_000, 9)
            .Add("big-Q4_K_M-00002-of-00002.gguf", 90_000, 11)
            .Add("big-Q4_K_M-00001-of-00002.gguf", 100_000, 10);

        var result = await bed.RunAsync("pull models local/acme/big-GGUF:Q4_K_M --json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("target-results", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var download = json.RootElement[0].GetProperty("download");
        Assert.Equal(["big-Q4_K_M-00001-of-00002.gguf", "big-Q4_K_M-00002-of-00002.gguf"], download.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal(Sha(bed.Content("acme/big-GGUF", "big-Q4_K_M-00002-of-00002.gguf")), download.GetProperty("files")[1].GetProperty("sha256").GetString());
        Assert.Equal(90_000, download.GetProperty("files")[1].GetProperty("sizeBytes").GetInt64());
        Assert.Equal(bed.RepoDir("acme/big-GGUF"), download.GetProperty("cache").GetString());
        Assert.Equal(0, bed.Hub.Count("GET", $"/acme/big-GGUF/resolve/{HubTestBed.Commit}/mmproj"));
        var list = await bed.RunAsync("list models --json");
        Assert.Contains("\"model\": \"acme/big-GGUF:Q4_K_M\"", list.StdOut);
        Assert.DoesNotContain("mmproj", list.StdOut);
    }

    [Fact]
    public async Task Pull_HfFile_ExactPath_AndAMissingOneListsTheGgufs()
    {
        using var bed = new HubTestBed();
        bed.Tiny();

        var ok = await bed.RunAsync("pull models local/acme/tiny-GGUF --hf-file model-Q8_0.gguf");
        var missing = await bed.RunAsync("pull models local/acme/tiny-GGUF --hf-file nope.gguf");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.True(File.Exists(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "snapshots", HubTestBed.Commit, "model-Q8_0.gguf")));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error: acme/tiny-GGUF has no file nope.gguf; its GGUF files: model-Q8_0.gguf, model-Q4_K_M.gguf, model-UD-Q4_K_XL.gguf, mmproj-model-f16.gguf, sub/dir/x-Q4_0.gguf", missing.StdErr);
    }

    [Fact]
    public async Task Pull_NoFileForTheTag_ListsTheTagsItHas()
    {
        using var bed = new HubTestBed();
        bed.Tiny();

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF:IQ4_XS");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: acme/tiny-GGUF has no GGUF for IQ4_XS; it has: Q8_0, Q4_K_M, Q4_K_XL, Q4_0", result.StdErr);
        Assert.False(Directory.Exists(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "blobs")));
    }

    [Fact]
    public async Task Pull_AlreadyInTheCache_ZeroRequests()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        Assert.Equal(0, (await bed.RunAsync("pull models local/acme/tiny-GGUF:Q8_0")).ExitCode);
        var before = bed.Hub.Requests.Count;

        var again = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q8_0 --json");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(before, bed.Hub.Requests.Count);
        Assert.Contains("\"cached\": true", again.StdOut);
        Assert.Contains("already in the cache", again.StdOut);
    }

    [Fact]
    public async Task Pull_DroppedConnection_ResumesWithRange_AfterA2sPause()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        bed.Hub.DropNext(1);

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");

        Assert.True(result.ExitCode == 0, result.ToString());
        var gets = bed.Hub.Requests.Where(r => r.Path.Contains("/resolve/", StringComparison.Ordinal)).ToList();
        Assert.Equal([null, "bytes=65536-"], gets.Select(g => g.Range));
        Assert.Equal([TimeSpan.FromSeconds(2)], bed.Clock.Pauses);
        Assert.Equal(bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf"), File.ReadAllBytes(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "snapshots", HubTestBed.Commit, "model-Q4_K_M.gguf")));
    }

    [Fact]
    public async Task Pull_ServerWithoutRanges_RestartsTheFile()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        bed.Hub.Ranges = false;
        bed.Hub.DropNext(1);

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, bed.Hub.Count("GET", "/acme/tiny-GGUF/resolve/"));
        Assert.Equal(bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf"), File.ReadAllBytes(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "snapshots", HubTestBed.Commit, "model-Q4_K_M.gguf")));
    }

    [Fact]
    public async Task Pull_200AnsweredToARange_FailsThatAttempt_NextStartsOver()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        bed.Hub.DropNext(1);
        bed.Hub.AnswerRangesWith200(1);

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");

        Assert.True(result.ExitCode == 0, result.ToString());
        var gets = bed.Hub.Requests.Where(r => r.Path.Contains("/resolve/", StringComparison.Ordinal)).ToList();
        Assert.Equal([null, "bytes=65536-", null], gets.Select(g => g.Range));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], bed.Clock.Pauses);
        Assert.Equal(bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf"), File.ReadAllBytes(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "snapshots", HubTestBed.Commit, "model-Q4_K_M.gguf")));
    }

    [Fact]
    public async Task Pull_ThreeFailedAttempts_Exit1_PartialKeptForTheNextPull()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        bed.Hub.DropNext(3);

        var failed = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("error: acme/tiny-GGUF: model-Q4_K_M.gguf: download failed after 3 attempts", failed.StdErr);
        Assert.Contains("pull again to resume", failed.StdErr);
        var blob = Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "blobs", Sha(bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf")));
        Assert.Equal(3 * 65536, new FileInfo(blob + ".downloadInProgress").Length);

        var resumed = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("bytes=196608-", bed.Hub.Requests.Last(r => r.Path.Contains("/resolve/", StringComparison.Ordinal)).Range);
        Assert.False(File.Exists(blob + ".downloadInProgress"));
    }

    [Fact]
    public async Task Pull_HashMismatch_DeletesTheFile_FailsWithBothHashes()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        bed.Hub.Corrupt = true;
        var content = bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf");
        var corrupt = content.ToArray();
        corrupt[^1] ^= 0xFF;

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: acme/tiny-GGUF: model-Q4_K_M.gguf: sha256 mismatch: the hub lists {Sha(content)}, the download has {Sha(corrupt)}; the file was deleted", result.StdErr);
        Assert.Empty(Directory.GetFiles(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "blobs")));
        Assert.False(Directory.Exists(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "snapshots")));
        Assert.Empty((await bed.RunAsync("list models --json")).StdOut.Split("acme/tiny-GGUF")[1..]);
    }

    [Fact]
    public async Task Pull_GatedRepository_401WithoutToken_SucceedsWithIt_TokenNeverShownOrLogged()
    {
        using var bed = new HubTestBed();
        bed.Tiny().RequiredToken = HubTestBed.Token;

        var without = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q8_0");
        var with = await bed.RunAsync($"pull models local/acme/tiny-GGUF:Q8_0 --hf-token {HubTestBed.Token} --debug");

        Assert.Equal(1, without.ExitCode);
        Assert.Contains("error: acme/tiny-GGUF: private or gated repository: set HF_TOKEN (or pass --hf-token) (the hub says: Invalid credentials in Authorization header)", without.StdErr);
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.All(bed.Hub.Requests.Skip(1), r => Assert.Equal("Bearer " + HubTestBed.Token, r.Authorization));
        Assert.Contains("Authorization=***", bed.LogText);
        Assert.DoesNotContain(HubTestBed.Token, bed.LogText + with.StdOut + with.StdErr + without.StdErr);
    }

    [Fact]
    public async Task Pull_TokenFromHfToken_SentAsBearer_ButAMalformedOneNotToTheApi()
    {
        using var bed = new HubTestBed();
        bed.Tiny().RequiredToken = "not-a-hub-token-shape";
        bed.Environment.Set("HF_TOKEN", "not-a-hub-token-shape");

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q8_0");

        // llama.cpp's rule: only a token shaped hf_ + 34..253 letters/digits goes to the API; the API says 401.
        Assert.Equal(1, result.ExitCode);
        Assert.Null(bed.Hub.Requests[0].Authorization);
        Assert.Contains("private or gated repository: set HF_TOKEN", result.StdErr);
        Assert.DoesNotContain("not-a-hub-token-shape", result.StdErr + bed.LogText);
    }

    [Fact]
    public async Task Pull_RedirectToCdn_FollowedWithoutTheToken()
    {
        using var bed = new HubTestBed();
        bed.Tiny().RequiredToken = HubTestBed.Token;
        bed.Hub.RedirectToCdn = true;
        bed.Environment.Set("HF_TOKEN", HubTestBed.Token);

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q8_0");

        Assert.True(result.ExitCode == 0, result.ToString());
        var cdn = Assert.Single(bed.Hub.Requests, r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal));
        Assert.Null(cdn.Authorization);
        Assert.Equal("Bearer " + HubTestBed.Token, Assert.Single(bed.Hub.Requests, r => r.Path.Contains("/resolve/", StringComparison.Ordinal)).Authorization);
    }

    [Theory]
    [InlineData("local/acme/nothing-GGUF", "error: no such repository acme/nothing-GGUF (the hub says: Repository not found)")]
    [InlineData("local/acme/preset", "error: acme/preset is a preset repository (preset.ini); Agon pulls GGUF model repositories only")]
    public async Task Pull_NoSuchRepository_OrPreset_Exit1(string model, string expected)
    {
        using var bed = new HubTestBed();
        bed.Hub.Repo("acme/preset", HubTestBed.Commit).Add("preset.ini", "[*]\n"u8.ToArray(), lfs: false).Add("a-Q4_K_M.gguf", 1000, 1);

        var result = await bed.RunAsync($"pull models {model}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
    }

    [Fact]
    public async Task Pull_HubUnreachable_SaysSo_AndThatTheCacheStillWorks()
    {
        using var bed = new HubTestBed();
        bed.Environment.Set("HF_ENDPOINT", "http://127.0.0.1:1");

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: cannot reach http://127.0.0.1:1/ (connection refused; working offline: models already in the cache still work)", result.StdErr);
    }

    [Fact]
    public async Task Pull_ModelEndpointBeatsHfEndpoint()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        bed.Environment.Set("MODEL_ENDPOINT", bed.Hub.Url.ToString().TrimEnd('/')).Set("HF_ENDPOINT", "http://127.0.0.1:1/");

        var result = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q8_0");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("local/acme", "'acme' is not a Hugging Face model: expected owner/repo[:TAG]")]
    [InlineData("local/a/b/c", "'a/b/c' is not a Hugging Face model")]
    [InlineData("local/acme/bad..name", "'acme/bad..name' is not a Hugging Face model")]
    public async Task Pull_BadName_Exit2(string model, string expected)
    {
        using var bed = new HubTestBed();

        var result = await bed.RunAsync($"pull models {model}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.Empty(bed.Hub.Requests);
    }

    [Fact]
    public async Task Pull_HfFileWithoutExactlyOneModel_Exit2()
    {
        using var bed = new HubTestBed();

        var result = await bed.RunAsync("pull models local/a/b local/c/d --hf-file x.gguf");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--hf-file names a file of one repository", result.StdErr);
    }

    [Fact]
    public async Task Pull_Cancelled_KeepsThePartial_NextPullResumesFromIt()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        bed.Hub.StallAfter = 80_000;
        using var cts = new CancellationTokenSource();
        var partial = Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "blobs", Sha(bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf")) + ".downloadInProgress");
        var config = new HostConfig { Name = "local", Type = HostType.Embedded, ModelsDirs = [], Timeout = TimeSpan.FromMinutes(1) };
        await using (var host = new EmbeddedHost(config, bed.Environment, bed.Clock, new MemoryLog()))
        {
            // Ctrl+C once 80,000 bytes are on disk (the stepping clock makes every chunk a progress report).
            var progress = new ListProgress(p =>
            {
                if (p.CompletedBytes >= 80_000)
                {
                    cts.Cancel();
                }
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.PullAsync("acme/tiny-GGUF:Q4_K_M", DownloadOptions.None, progress, cts.Token));
        }

        Assert.Equal(80_000, new FileInfo(partial).Length);
        bed.Hub.StallAfter = null;

        var resumed = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("bytes=80000-", bed.Hub.Requests.Last(r => r.Path.Contains("/resolve/", StringComparison.Ordinal)).Range);
        Assert.False(File.Exists(partial));
        Assert.Equal(bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf"), File.ReadAllBytes(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "snapshots", HubTestBed.Commit, "model-Q4_K_M.gguf")));
    }

    [Fact]
    public async Task Pull_FileLargerThanTheBufferRing_HashMismatchInTheLastByte_Detected()
    {
        using var bed = new HubTestBed();
        bed.Hub.Repo("acme/big-GGUF", HubTestBed.Commit).Add("big-Q4_K_M.gguf", 20 << 20, 9);
        bed.Hub.Corrupt = true;

        var result = await bed.RunAsync("pull models local/acme/big-GGUF");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"sha256 mismatch: the hub lists {Sha(bed.Content("acme/big-GGUF", "big-Q4_K_M.gguf"))}", result.StdErr);
        Assert.Empty(Directory.GetFiles(Path.Combine(bed.RepoDir("acme/big-GGUF"), "blobs")));
    }

    [Fact]
    public async Task Pull_CancelledMidFileLargerThanTheBufferRing_KeepsEveryReceivedByte_ResumeIsWhole()
    {
        using var bed = new HubTestBed();
        bed.Hub.Repo("acme/big-GGUF", HubTestBed.Commit).Add("big-Q4_K_M.gguf", 20 << 20, 9);
        const int Stall = (12 << 20) + 12_345;
        bed.Hub.StallAfter = Stall;
        using var cts = new CancellationTokenSource();
        var content = bed.Content("acme/big-GGUF", "big-Q4_K_M.gguf");
        var partial = Path.Combine(bed.RepoDir("acme/big-GGUF"), "blobs", Sha(content) + ".downloadInProgress");
        var config = new HostConfig { Name = "local", Type = HostType.Embedded, ModelsDirs = [], Timeout = TimeSpan.FromMinutes(1) };
        await using (var host = new EmbeddedHost(config, bed.Environment, bed.Clock, new MemoryLog()))
        {
            var progress = new ListProgress(p =>
            {
                if (p.CompletedBytes >= Stall)
                {
                    cts.Cancel();
                }
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.PullAsync("acme/big-GGUF:Q4_K_M", DownloadOptions.None, progress, cts.Token));
        }

        Assert.Equal(content[..Stall], File.ReadAllBytes(partial));
        bed.Hub.StallAfter = null;

        var resumed = await bed.RunAsync("pull models local/acme/big-GGUF:Q4_K_M");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal($"bytes={Stall}-", bed.Hub.Requests.Last(r => r.Path.Contains("/resolve/", StringComparison.Ordinal)).Range);
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(bed.RepoDir("acme/big-GGUF"), "snapshots", HubTestBed.Commit, "big-Q4_K_M.gguf")));
    }

    [Fact]
    public async Task Pull_TwoAtOnce_TheSecondIsRefusedByTheLock_TheFirstFinishes()
    {
        using var bed = new HubTestBed();
        bed.Tiny();
        bed.Hub.StallAfter = 80_000;

        var first = bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");
        await bed.Hub.Stalled.Task.WaitAsync(TestContext.Current.CancellationToken);
        var second = await bed.RunAsync("pull models local/acme/tiny-GGUF:Q4_K_M");
        bed.Hub.StallAfter = null;
        bed.Hub.Release.SetResult();
        var done = await first;

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("error: acme/tiny-GGUF: another agon is downloading model-Q4_K_M.gguf right now (lock ", second.StdErr);
        Assert.True(done.ExitCode == 0, done.ToString());
        Assert.Equal(bed.Content("acme/tiny-GGUF", "model-Q4_K_M.gguf"), File.ReadAllBytes(Path.Combine(bed.RepoDir("acme/tiny-GGUF"), "snapshots", HubTestBed.Commit, "model-Q4_K_M.gguf")));
    }
}
