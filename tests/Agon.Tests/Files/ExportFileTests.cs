using System.Text.Json.Nodes;
using Agon.Configuration;
using Agon.Files;

namespace Agon.Tests.Files;

/// <summary>
/// <c>--export</c> and <c>--exportMarkdown</c>: a link is followed and stays a link; a folder, a device or a path
/// in a missing folder fails before the pipeline runs (exit 1), and nothing is replaced by a regular file.
/// </summary>
public sealed class ExportFileTests
{
    private const string Config = """
        {"hosts": [
          {"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]},
          {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"]}
        ]}
        """;

    private static async Task<(CliResult Result, ReplayHandler Router, ReplayHandler Box)> PipelineAsync(FakeEnvironment env, string exportFlags)
    {
        var router = new ReplayHandler(RecordedExchange.Load("router-basic/11-chat")).Always("router-basic/02-props").Always("router-basic/08-models-loaded");
        var box = new ReplayHandler(RecordedExchange.Load("ollama/chat"));
        env.WriteConfig(Config);
        var result = await AgonRunner.RunAsync(env, $"chat --pipelineMode -p \"Why is the sky blue?\" -t box/llama3.2 -t router/stories260K --no-stream {exportFlags}",
            (HostConfig h) => h.Name == "router" ? router : box);
        return (result, router, box);
    }

    [Fact]
    public async Task SymbolicLink_WritesTheFileItPointsTo_LinkStays()
    {
        using var env = new FakeEnvironment();
        var real = env.WriteFile(Path.Combine("results", "run.json"), "old");
        var link = Path.Combine(env.CurrentDirectory, "latest.json");
        File.CreateSymbolicLink(link, real);

        var (result, _, _) = await PipelineAsync(env, "--export latest.json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(real, new FileInfo(link).LinkTarget);
        var export = JsonNode.Parse(await File.ReadAllTextAsync(real, TestContext.Current.CancellationToken))!;
        Assert.Equal(2, export["stages"]!.AsArray().Count);
        Assert.Equal([real], Directory.GetFiles(Path.GetDirectoryName(real)!));
    }

    [Fact]
    public async Task RelativeLinkToAFileNotYetWritten_CreatesTheTarget_LinkStays()
    {
        using var env = new FakeEnvironment();
        Directory.CreateDirectory(Path.Combine(env.CurrentDirectory, "results"));
        var link = Path.Combine(env.CurrentDirectory, "latest.md");
        File.CreateSymbolicLink(link, Path.Combine("results", "run.md"));

        var (result, _, _) = await PipelineAsync(env, "--exportMarkdown latest.md");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Path.Combine("results", "run.md"), new FileInfo(link).LinkTarget);
        Assert.StartsWith("# Pipeline run ", await File.ReadAllTextAsync(Path.Combine(env.CurrentDirectory, "results", "run.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegularFile_ReplacedWhole_NoTemporaryFileLeft()
    {
        using var env = new FakeEnvironment();
        var path = env.WriteFile("run.md", "old");

        var (result, _, _) = await PipelineAsync(env, "--exportMarkdown run.md");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# Pipeline run ", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("exported run.md", result.StdErr);
        Assert.Equal([path], Directory.GetFiles(env.CurrentDirectory));
    }

    [Theory]
    [InlineData("--export {dir}", "cannot write the export {dir}: it is a folder")]
    [InlineData("--export /dev/null", "cannot write the export /dev/null: it is a device, not a regular file")]
    [InlineData("--exportMarkdown missing/run.md", "cannot write the export missing/run.md: the folder {cwd}/missing does not exist")]
    [InlineData("--export {link-to-dir}", "cannot write the export {link-to-dir}: it is a folder")]
    public async Task NotARegularFile_Exit1_BeforeAnyRequest_NothingReplaced(string flags, string expected)
    {
        using var env = new FakeEnvironment();
        var dir = Path.Combine(env.Root, "exports");
        Directory.CreateDirectory(dir);
        var linkToDir = Path.Combine(env.Root, "exports-link");
        File.CreateSymbolicLink(linkToDir, dir);
        string Fill(string s) => s.Replace("{dir}", dir, StringComparison.Ordinal).Replace("{link-to-dir}", linkToDir, StringComparison.Ordinal)
            .Replace("{cwd}", env.CurrentDirectory, StringComparison.Ordinal);

        var (result, router, box) = await PipelineAsync(env, Fill(flags));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: " + Fill(expected), result.StdErr.Trim());
        Assert.Empty(result.StdOut);
        Assert.DoesNotContain(router.Requests, r => r.Path.Contains("chat", StringComparison.Ordinal));
        Assert.Empty(box.Requests);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
        Assert.False(Directory.Exists(Path.Combine(env.CurrentDirectory, "missing")));
        Assert.Equal(dir, new FileInfo(linkToDir).LinkTarget);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }
}
