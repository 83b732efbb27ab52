namespace Agon.Tests.TestServices;

/// <summary>
/// A fake environment whose Hugging Face endpoint is a <see cref="FakeHub"/> on 127.0.0.1 and whose hub cache is an
/// empty temporary folder, with a <see cref="SteppingClock"/>; runs agon's real command line against them.
/// </summary>
internal sealed class HubTestBed : IDisposable
{
    public const string Commit = "5b1a1d7e0c3f4a2b9c8d7e6f5a4b3c2d1e0f9a8b";
    public const string Token = "hf_abcdefghijklmnopqrstuvwxyz0123456789AB";

    public HubTestBed()
    {
        Environment = new FakeEnvironment();
        Hub = new FakeHub();
        Cache = Path.Combine(Environment.Root, "hub-cache");
        Environment.Set("HF_ENDPOINT", Hub.Url.ToString()).Set("HF_HUB_CACHE", Cache);
    }

    public FakeEnvironment Environment { get; }

    public FakeHub Hub { get; }

    public SteppingClock Clock { get; } = new();

    public string Cache { get; }

    public string RepoDir(string repo) => Path.Combine(Cache, "models--" + repo.Replace("/", "--", StringComparison.Ordinal));

    public string LogText => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public string LogPath => Path.Combine(Environment.HomeDirectory, ".local", "state", "agon", "agon.log");

    /// <summary><c>acme/tiny-GGUF</c>: a README, Q8_0 before Q4_K_M in tree order, a UD- file, a projector, a file two folders down.</summary>
    public FakeHubRepo Tiny() => Hub.Repo("acme/tiny-GGUF", Commit)
        .Add("README.md", "# tiny\n"u8.ToArray(), lfs: false)
        .Add("model-Q8_0.gguf", 150_000, 1)
        .Add("model-Q4_K_M.gguf", 200_000, 2)
        .Add("model-UD-Q4_K_XL.gguf", 120_000, 3)
        .Add("mmproj-model-f16.gguf", 50_000, 4)
        .Add("sub/dir/x-Q4_0.gguf", 40_000, 5);

    public byte[] Content(string repo, string path) => Hub.Repos[repo].Files.First(f => f.Path == path).Content;

    public Task<CliResult> RunAsync(string commandLine) => AgonRunner.RunAsync(Environment, commandLine, timeProvider: Clock);

    public Task<CliResult> RunCancellableAsync(string commandLine, CancellationToken cancellationToken) =>
        AgonRunner.RunArgsAsync(Environment, AgonRunner.Split(commandLine), null, cancellationToken, timeProvider: Clock);

    public void Dispose()
    {
        Hub.Dispose();
        Environment.Dispose();
    }
}
