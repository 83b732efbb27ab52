using System.Text.Json.Nodes;
using Agon.Configuration;

namespace Agon.Tests.Cli;

/// <summary><c>list modelparameters</c>: what a chat sends (config, --param, with the source) beside the model's own defaults.</summary>
public sealed class ListModelParametersTests
{
    private const string Config = """
        {"hosts": [
          {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["qwen3:8b"],
           "parameters": {"temperature": 0.2, "num_ctx": 8192, "token": "tok-list-3c4d5e6f"}}
        ]}
        """;

    private static async Task<CliResult> RunAsync(FakeEnvironment env, string args)
    {
        env.WriteConfig(Config);
        var box = new ReplayHandler()
            .Always(RecordedExchange.Load("ollama/version"))
            .Always(RecordedExchange.Load("ollama/tags"))
            .Always(RecordedExchange.Load("ollama/ps"))
            .Always(RecordedExchange.Load("ollama/show"));
        return await AgonRunner.RunAsync(env, args, (HostConfig _) => box);
    }

    [Fact]
    public async Task Text_SendsWithSourceBesideModelDefaults_SecretsMasked()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, "list modelparameters --param top_k=5 --param max_tokens=64");

        Assert.Equal(0, result.ExitCode);
        var lines = result.StdOut.Split('\n').Where(l => l.Contains("qwen3:8b", StringComparison.Ordinal)).ToList();
        Assert.Matches(@"^HOST\s+MODEL\s+PARAMETER\s+AGON SENDS\s+SOURCE\s+MODEL DEFAULT", result.StdOut);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^box\s+qwen3:8b\s+temperature\s+0\.2\s+config\s+0\.6\s*$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^box\s+qwen3:8b\s+top_k\s+5\s+--param\s+20\s*$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^box\s+qwen3:8b\s+max_tokens\s+64\s+--param\s+-\s*$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^box\s+qwen3:8b\s+num_ctx\s+8192\s+config\s+-\s*$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^box\s+qwen3:8b\s+token\s+\*\*\*\s+config\s+-\s*$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^box\s+qwen3:8b\s+stop\s+-\s+-\s+""<\|im_end\|>""\s*$"));
        Assert.DoesNotContain("tok-list-3c4d5e6f", result.StdOut + result.StdErr);
        Assert.DoesNotContain("context_length", result.StdOut);
    }

    [Fact]
    public async Task Json_SendsAndDefaults_MatchTheSchema()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, "list modelparameters --json --param top_k=5");

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("model-parameters", result.StdOut);
        var row = JsonNode.Parse(result.StdOut)!.AsArray().Single(r => (string?)r!["model"] == "qwen3:8b")!;
        Assert.Equal(0.2, (double)row["sends"]!["temperature"]!["value"]!);
        Assert.Equal("config", (string?)row["sends"]!["temperature"]!["source"]);
        Assert.Equal(5, (int)row["sends"]!["top_k"]!["value"]!);
        Assert.Equal("--param", (string?)row["sends"]!["top_k"]!["source"]);
        Assert.Equal("***", (string?)row["sends"]!["token"]!["value"]);
        Assert.Equal("0.6", (string?)row["defaults"]!["temperature"]);
        Assert.Equal("20", (string?)row["defaults"]!["top_k"]);
    }

    [Fact]
    public async Task BadParam_Exit2_SaysWhatItExpected()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, "list modelparameters --param top_k");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --param top_k: expected key=value, for example temperature=0.2", result.StdErr.Trim());
    }

    [Fact]
    public async Task Router_PresetServerArguments_AreNotModelDefaults()
    {
        // The recorded preset is "sleep-idle-seconds = 3 / ctx-size = 512 / model = …": server arguments, no sampling.
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "r", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]}]}""");
        var server = new ReplayHandler().Always("router-80fb11a/00-props").Always("router-80fb11a/01-models");

        var result = await AgonRunner.RunAsync(env, "list modelparameters --json", _ => server);

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("model-parameters", result.StdOut);
        var row = JsonNode.Parse(result.StdOut)!.AsArray().Single(r => (string?)r!["model"] == "stories260K")!;
        Assert.Empty(row["defaults"]!.AsObject());
    }

    [Fact]
    public async Task Router_PresetSamplingArguments_ShownUnderTheirRequestNames()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "r", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]}]}""");
        var list = RecordedExchange.Load("router-80fb11a/01-models");
        var withSampling = list.WithBody(list.ResponseBody.Replace(
            "[stories260K]\\nsleep-idle-seconds = 3", "[stories260K]\\ntemp = 0.7\\ntop-k = 20\\nsleep-idle-seconds = 3", StringComparison.Ordinal));
        Assert.NotEqual(list.ResponseBody, withSampling.ResponseBody);
        var server = new ReplayHandler().Always("router-80fb11a/00-props").Always(withSampling);

        var result = await AgonRunner.RunAsync(env, "list modelparameters --json", _ => server);

        Assert.Equal(0, result.ExitCode);
        var defaults = JsonNode.Parse(result.StdOut)!.AsArray().Single(r => (string?)r!["model"] == "stories260K")!["defaults"]!.AsObject();
        Assert.Equal(["temperature", "top_k"], defaults.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Equal("0.7", (string?)defaults["temperature"]);
        Assert.Equal("20", (string?)defaults["top_k"]);
    }
}
