using System.Text.Json;
using System.Text.RegularExpressions;

namespace Agon.Tests.Published;

/// <summary>
/// The published native executable, not the test host: its messages are English (never a .NET resource key such as
/// <c>IO_FileNotFound_FileName</c>), its exit codes are the documented ones, and its in-process engine loads the
/// llama.cpp libraries shipped beside it and generates.
/// </summary>
public sealed partial class PublishedExecutableTests
{
    [Fact]
    public async Task BrokenConfig_EnglishJsonErrorAndExit2()
    {
        var agon = PublishedAgon.RequireOrSkip();
        using var env = new FakeEnvironment();
        var config = Path.Combine(env.Root, "broken.json");
        File.WriteAllText(config, """{"hosts" [""");

        var result = await PublishedAgon.RunAsync(agon, env.Root, "list", "hosts", "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(config + ":1:10: invalid JSON: '[' is invalid after a property name. Expected a ':'", result.StdErr, StringComparison.Ordinal);
        AssertNoResourceKey(result);
    }

    [Fact]
    public async Task MissingJsonSchemaFile_EnglishReasonAndExit2()
    {
        var agon = PublishedAgon.RequireOrSkip();
        using var env = new FakeEnvironment();
        var schema = Path.Combine(env.Root, "missing", "schema.json");

        var result = await PublishedAgon.RunAsync(agon, env.Root, "chat", "--json-schema", schema, "--prompt", "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--json-schema {schema}: cannot read it: Could not find a part of the path '{schema}'.", result.StdErr, StringComparison.Ordinal);
        AssertNoResourceKey(result);
    }

    [Fact]
    public async Task UnwritableExportPath_EnglishReasonAndExit1()
    {
        var agon = PublishedAgon.RequireOrSkip();
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();

        // A path under a regular file cannot be written, even by root (CI runs as root).
        var file = Path.Combine(env.Root, "a-file");
        File.WriteAllText(file, "x");
        var export = Path.Combine(file, "out.json");

        var result = await PublishedAgon.RunAsync(agon, env.Root,
            "chat", "--pipelineMode", "--models-dir", SharedModels.Directory!, "--target", "local/stories260K", "--target", "local/stories260K",
            "--param", "max_tokens=2", "--prompt", "Once upon a time", "--export", export);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot write the export {export}: {file} is a file, not a folder", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
        AssertNoResourceKey(result);
    }

    [Fact]
    public async Task InProcessEngine_LoadsAndGeneratesFiveTokens()
    {
        var agon = PublishedAgon.RequireOrSkip();
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();

        var result = await PublishedAgon.RunAsync(agon, env.Root,
            "chat", "--models-dir", SharedModels.Directory!, "--target", "local/stories260K", "--param", "max_tokens=5", "--param", "temperature=0",
            "--output", "json", "--prompt", "Once upon a time");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var answer = json.RootElement.GetProperty("results")[0];
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("error").ValueKind);
        Assert.Equal("length", answer.GetProperty("finishReason").GetString());
        Assert.Equal(5, answer.GetProperty("metrics").GetProperty("completionTokens").GetProperty("value").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("content").GetString()), result.ToString());
    }

    [Fact]
    public async Task InstallWithoutSqlitesLibrary_PlainReasonAndExit1()
    {
        var agon = PublishedAgon.RequireOrSkip();
        using var env = new FakeEnvironment();

        // The executable alone, as a broken install or a copy of just the binary leaves it.
        var folder = Directory.CreateDirectory(Path.Combine(env.Root, "install")).FullName;
        var copy = Path.Combine(folder, "agon");
        File.Copy(agon, copy);

        var result = await PublishedAgon.RunAsync(copy, env.Root, "history");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(": the SQLite native library (libe_sqlite3.so) is missing or does not load; it ships beside the agon executable, so reinstall Agon", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected failure", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("type initializer", result.StdErr, StringComparison.Ordinal);
        AssertNoResourceKey(result);
    }

    [Fact]
    public async Task ListTools_AgonMcpNotBesideAgon_SaysHowToPublishIt_Exit1()
    {
        var agon = PublishedAgon.RequireOrSkip();
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (path.Split(Path.PathSeparator).Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "agon-mcp"))))
        {
            Assert.Skip("agon-mcp is on PATH here, so agon finds it there");
        }

        // Run as the README installs it: through a symbolic link on PATH, to the executable in its own folder.
        using var env = new FakeEnvironment();
        var folder = Directory.CreateDirectory(Path.Combine(env.Root, "install")).FullName;
        var copy = Path.Combine(folder, "agon");
        File.Copy(agon, copy);
        var link = Path.Combine(Directory.CreateDirectory(Path.Combine(env.Root, "bin")).FullName, "agon");
        File.CreateSymbolicLink(link, copy);

        var result = await PublishedAgon.RunAsync(link, env.Root, "list", "tools");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(
            $@"did not start: agon-mcp, Agon's own tool server, is neither beside agon \({Regex.Escape(folder)}\) nor on PATH; publish it there "
            + $@"\(dotnet publish src/Agon\.McpServer -c Release -r (linux|osx)-(x64|arm64) -o {Regex.Escape(folder)}\) or configure mcpServers",
            result.StdOut);
        AssertNoResourceKey(result);
    }

    [Fact]
    public async Task UnknownOutputFormat_OneEnglishLineAndExit2()
    {
        var agon = PublishedAgon.RequireOrSkip();
        using var env = new FakeEnvironment();

        var result = await PublishedAgon.RunAsync(agon, env.Root, "chat", "--output", "yaml", "--prompt", "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --output: expected text, json or ndjson, got 'yaml'\nRun 'agon chat --help' for usage.\n", result.StdErr);
        AssertNoResourceKey(result);
    }

    [Fact]
    public async Task Version_PrintsTheVersionAndExits0()
    {
        var agon = PublishedAgon.RequireOrSkip();
        using var env = new FakeEnvironment();

        var result = await PublishedAgon.RunAsync(agon, env.Root, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListHosts_NamesTheInProcessEnginesPackageVersion()
    {
        // LLamaSharp's assembly says 0.0.0.0; the native build must still show the package version it was built with.
        var agon = PublishedAgon.RequireOrSkip();
        using var env = new FakeEnvironment();
        var expected = Agon.Hosts.Embedded.EmbeddedRuntime.Version;

        var result = await PublishedAgon.RunAsync(agon, env.Root, "list", "hosts", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var version = json.RootElement.EnumerateArray().Single().GetProperty("version").GetString();
        Assert.Equal(expected, version);
        Assert.NotEqual("LLamaSharp 0.0.0", version);
    }

    private static void AssertNoResourceKey(CliResult result)
    {
        Assert.False(ResourceKey().IsMatch(result.StdErr), "a .NET resource key reached the user:\n" + result);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>What a message looks like with UseSystemResourceKeys: <c>IO_FileNotFound_FileName</c>, <c>Arg_ParamName_Name</c>.</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]+(_[A-Z][A-Za-z]+)*\b")]
    private static partial Regex ResourceKey();
}
