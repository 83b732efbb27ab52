using System.Globalization;
using System.Text.RegularExpressions;
using Agon.Cli;
using Agon.Configuration;

namespace Agon.Tests.Configuration;

/// <summary>
/// The one table of global settings: its entries are consistent, the flags and the README follow it, and a
/// mistyped key in the file gets the closest setting as a suggestion.
/// </summary>
public sealed partial class GlobalSettingsTests
{
    public static TheoryData<string> Keys => [.. GlobalSettings.All.Select(s => s.Key)];

    [Fact]
    public void Keys_EnvironmentVariablesAndFlags_AreUnique()
    {
        var all = GlobalSettings.All;
        Assert.Equal(all.Count, all.Select(s => s.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(all.Count, all.Select(s => s.EnvironmentVariable).Distinct(StringComparer.Ordinal).Count());
        var spellings = all.SelectMany(s => s.FlagSpellings).ToList();
        Assert.Equal(spellings.Count, spellings.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Entries_AreConsistent()
    {
        foreach (var setting in GlobalSettings.All)
        {
            Assert.Equal("AGON_" + KeyNames.ToUpperSnake(setting.Key), setting.EnvironmentVariable);
            Assert.False(string.IsNullOrWhiteSpace(setting.Description), setting.Key);
            Assert.Same(setting, GlobalSettings.Find(setting.Key.ToUpperInvariant()));
            if (setting.Minimum is { } minimum)
            {
                Assert.Equal(ConfigValueKind.Integer, setting.Kind);
                Assert.True(setting.DefaultValue is int value && value >= minimum, setting.Key);
            }

            if (setting.Flag is { } flag && setting.Kind != ConfigValueKind.Boolean)
            {
                Assert.False(string.IsNullOrEmpty(flag.HelpName), setting.Key);
            }
        }
    }

    [Fact]
    public void GlobalOptions_OneOptionPerFlaggedSetting_WithBothSpellings()
    {
        var options = new GlobalOptions();

        var flagged = GlobalSettings.All.Where(s => s.Flag is not null).ToList();
        Assert.Equal(flagged, options.Flags.Select(f => f.Setting));
        foreach (var (setting, option) in options.Flags)
        {
            Assert.Equal("--" + setting.Key, option.Name);
            Assert.Equal(setting.Flag!.Description, option.Description);
            Assert.Equal(setting.FlagSpellings.Skip(1), option.Aliases);
        }

        var jsonMode = options.Flags.Single(f => f.Setting == GlobalSettings.JsonMode).Option;
        Assert.Equal(new[] { "--json-mode" }, jsonMode.Aliases);
    }

    [Fact]
    public async Task ShowConfig_ListsEverySetting_InTableOrder()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, "show config --json");

        Assert.Equal(0, result.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(result.StdOut);
        var keys = document.RootElement.GetProperty("settings").EnumerateObject().Select(p => p.Name);
        Assert.Equal(GlobalSettings.All.Select(s => s.Key), keys);
    }

    [Theory]
    [InlineData("mcpMaxRound", "mcpMaxRounds")]
    [InlineData("rag_top_k", "ragTopK")]
    [InlineData("exportMarkdwn", "exportMarkdown")]
    [InlineData("hostz", "hosts")]
    public async Task MistypedKey_SuggestsTheClosestSetting(string typed, string suggested)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig($$"""{"{{typed}}": 1}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{typed}: unknown key, ignored (did you mean '{suggested}'?)", result.StdErr);
    }

    [Fact]
    public async Task KeyFarFromEverySetting_NoSuggestion()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"colourScheme": "dark"}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Contains("colourScheme: unknown key, ignored", result.StdErr);
        Assert.DoesNotContain("did you mean", result.StdErr);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Readme_GlobalKeysTable_HasARowPerSetting_WithDefaultAndVariable(string key)
    {
        var setting = GlobalSettings.Find(key)!;
        var rows = ReadmeRows();

        Assert.True(rows.TryGetValue(key, out var cells), $"README.md: the global keys table has no row for `{key}`");
        var shown = setting.DefaultValue switch
        {
            bool b => b ? "true" : "false",
            int n => n.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (shown is not null)
        {
            Assert.EndsWith(", " + shown, cells[0]);
        }

        Assert.Equal($"`{setting.EnvironmentVariable}`", cells[1]);
    }

    [Fact]
    public void Readme_GlobalKeysTable_NamesNoUnknownKey()
    {
        var known = GlobalSettings.All.Select(s => s.Key).Append("mcpServers");

        Assert.Empty(ReadmeRows().Keys.Except(known, StringComparer.Ordinal));
    }

    [Fact]
    public void Readme_FlagsSection_NamesEveryFlagSpelling()
    {
        var readme = File.ReadAllText(Path.Combine(AgonConfigCompatibilityTests.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("### Flags", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n### ", start + 1, StringComparison.Ordinal)];
        var named = FlagPattern().Matches(section).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var spellings = GlobalSettings.All.SelectMany(s => s.FlagSpellings).ToList();
        Assert.Empty(spellings.Except(named));
        Assert.Empty(named.Except(spellings).Except(["--models-dir"]));
    }

    /// <summary>The rows of the README's "Global keys" table: key → the cells after it (type and default, environment, meaning).</summary>
    private static Dictionary<string, string[]> ReadmeRows()
    {
        var readme = File.ReadAllLines(Path.Combine(AgonConfigCompatibilityTests.RepositoryRoot(), "README.md"));
        var start = Array.IndexOf(readme, "### Global keys");
        Assert.True(start >= 0, "README.md has no \"### Global keys\" section");
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in readme.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2))
        {
            var cells = line.Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();
            rows[cells[0].Trim('`')] = cells[1..];
        }

        return rows;
    }

    [GeneratedRegex(@"`(--[a-zA-Z-]+)")]
    private static partial Regex FlagPattern();
}
