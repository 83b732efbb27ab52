using Agon.Configuration;
using Agon.Models;

namespace Agon.Tests.Models;

/// <summary>The one parser of model arguments: a fleet command's MODEL and chat's --target (which needs the host).</summary>
public sealed class TargetParseTests
{
    private static readonly AgonConfig s_config = new()
    {
        Hosts =
        [
            new HostConfig { Name = "lab", Type = HostType.LlamaCpp, Url = new Uri("http://127.0.0.1:8080/"), Timeout = TimeSpan.FromSeconds(5), Models = ["stories260K"] },
            new HostConfig { Name = "box", Type = HostType.Ollama, Url = new Uri("http://127.0.0.1:11434/"), Timeout = TimeSpan.FromSeconds(5) },
        ],
    };

    [Theory]
    [InlineData("lab/stories260K", "lab", "stories260K")]
    [InlineData("BOX/qwen3:8b", "box", "qwen3:8b")]
    [InlineData("lab/owner/repo:Q4_K_M", "lab", "owner/repo:Q4_K_M")]
    public void Parse_HostPrefix_NamesTheHost(string text, string host, string model)
    {
        var target = Target.Parse(s_config, text);

        Assert.Equal(host, target.Host?.Name);
        Assert.Equal(model, target.Model);
    }

    [Theory]
    [InlineData("owner/repo:Q4_K_M")]
    [InlineData("qwen3:8b")]
    public void Parse_NoHostPrefix_IsAPlainModel(string text)
    {
        var target = Target.Parse(s_config, text);

        Assert.Null(target.Host);
        Assert.Equal(text, target.Model);
    }

    [Theory]
    [InlineData("stories260K", "--target stories260K: expected host/model (for example lab/stories260K)")]
    [InlineData("lab/", "--target lab/: expected host/model (for example lab/stories260K)")]
    [InlineData("nope/m", "--target nope/m: unknown host 'nope' (configured: lab, box)")]
    public void Parse_HostRequired_RefusesWhatNamesNoHost(string text, string message)
    {
        var error = Assert.Throws<AgonException>(() => Target.Parse(s_config, text, hostRequired: true, what: "--target " + text));

        Assert.Equal(message, error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }
}
