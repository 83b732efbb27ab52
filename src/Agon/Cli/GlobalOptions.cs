using System.CommandLine;
using Agon.Configuration;

namespace Agon.Cli;

/// <summary>
/// The options every command accepts. Each configuration flag takes agon's camelCase spelling and a kebab-case
/// one (<c>--jsonMode</c>, <c>--json-mode</c>) and beats the file and the environment.
/// </summary>
internal sealed class GlobalOptions
{
    public GlobalOptions()
    {
        Config = new Option<string>("--config", "-c")
        {
            Description = "Configuration file (default: $AGON_CONFIG, ./config/config.json, ~/.config/agon/config.json)",
            HelpName = "file",
            Recursive = true,
        };
        ModelsDirs = new Option<string[]>("--models-dir")
        {
            Description = "Also look for GGUF models in this folder (repeatable; in-process hosts)",
            HelpName = "dir",
            Recursive = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        Add(Bool("debug", "Log request and response bodies to the log file"));
        Add(Bool("jsonMode", "Ask models for a JSON object"));
        Add(Bool("multimodelMode", "Compare up to four targets side by side"));
        Add(Bool("pipelineMode", "Chain up to four targets, each feeding the next"));
        Add(Bool("mcpMode", "Let models call tools through MCP"));
        Add(Text("mcpBinary", "MCP server executable", "path"));
        Add(Integer("mcpInitTimeout", "MCP start-up timeout in seconds", "seconds"));
        Add(Text("mcpConfig", "MCP servers file (Claude Desktop, Cursor or VS Code format)", "file"));
        Add(Text("logFile", "Log file (default: ~/.local/state/agon/agon.log)", "path"));
        Add(Text("export", "Write the pipeline result as JSON to this file", "path"));
        Add(Text("exportMarkdown", "Write the pipeline result as Markdown to this file", "path"));
        Add(Integer("timeout", "Request timeout in seconds (default 600)", "seconds"));
    }

    public Option<string> Config { get; }

    public Option<string[]> ModelsDirs { get; }

    /// <summary>The configuration flags, by the global key each one overrides.</summary>
    public IReadOnlyList<(string Key, Option Option)> Settings => _settings;

    private readonly List<(string Key, Option Option)> _settings = [];

    public IEnumerable<Option> All => Settings.Select(s => s.Option).Prepend(ModelsDirs).Prepend(Config);

    /// <summary>The overrides the parsed command line asks for.</summary>
    public ConfigOverrides Read(ParseResult parseResult)
    {
        var values = new Dictionary<string, FlagValue>(StringComparer.Ordinal);
        foreach (var (key, option) in _settings)
        {
            var result = parseResult.GetResult(option);
            if (result is null || result.Implicit)
            {
                continue;
            }

            var typed = option switch
            {
                Option<bool> b => parseResult.GetValue(b),
                Option<int> i => parseResult.GetValue(i),
                Option<string> s => (object?)parseResult.GetValue(s),
                _ => null,
            };
            if (typed is not null)
            {
                values[key] = new FlagValue(typed, result.IdentifierToken?.Value ?? option.Name);
            }
        }

        return new ConfigOverrides { ConfigPath = parseResult.GetValue(Config), Values = values, ModelsDirs = parseResult.GetValue(ModelsDirs) ?? [] };
    }

    private void Add(Option option) => _settings.Add((option.Name.TrimStart('-'), option));

    private static Option<bool> Bool(string key, string description) => new("--" + key, Aliases(key))
    {
        Description = description,
        Recursive = true,
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Option<string> Text(string key, string description, string helpName) => new("--" + key, Aliases(key))
    {
        Description = description,
        HelpName = helpName,
        Recursive = true,
    };

    private static Option<int> Integer(string key, string description, string helpName)
    {
        var minimum = key == "timeout" ? 1 : 0;
        return new Option<int>("--" + key, Aliases(key))
        {
            Description = description,
            HelpName = helpName,
            Recursive = true,
            CustomParser = result =>
            {
                var flag = result.Parent is System.CommandLine.Parsing.OptionResult o ? o.IdentifierToken?.Value ?? "--" + key : "--" + key;
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"{flag}: expected a whole number of {helpName}, got '{text}'");
                    return 0;
                }

                if (value < minimum)
                {
                    result.AddError($"{flag} must be {(minimum == 1 ? "at least 1" : "0 or more")}");
                }

                return value;
            },
        };
    }

    private static string[] Aliases(string key)
    {
        var kebab = "--" + KeyNames.ToKebab(key);
        return kebab == "--" + key ? [] : [kebab];
    }
}
