using System.CommandLine;
using Agon.Configuration;

namespace Agon.Cli;

/// <summary>
/// The options every command accepts. The configuration flags come from <see cref="GlobalSettings"/>: each takes agon's camelCase spelling and a kebab-case
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
        foreach (var setting in GlobalSettings.All)
        {
            if (setting.Flag is { } flag)
            {
                _flags.Add((setting, Create(setting, flag)));
            }
        }
    }

    public Option<string> Config { get; }

    public Option<string[]> ModelsDirs { get; }

    /// <summary>The configuration flags, with the global setting each one overrides (one per setting that has a flag).</summary>
    public IReadOnlyList<(Setting Setting, Option Option)> Flags => _flags;

    private readonly List<(Setting Setting, Option Option)> _flags = [];

    public IEnumerable<Option> All => Flags.Select(f => f.Option).Prepend(ModelsDirs).Prepend(Config);

    /// <summary>The overrides the parsed command line asks for.</summary>
    public ConfigOverrides Read(ParseResult parseResult)
    {
        var values = new Dictionary<Setting, FlagValue>();
        foreach (var (setting, option) in _flags)
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
                values[setting] = new FlagValue(typed, result.IdentifierToken?.Value ?? option.Name);
            }
        }

        return new ConfigOverrides { ConfigPath = parseResult.GetValue(Config), Values = values, ModelsDirs = parseResult.GetValue(ModelsDirs) ?? [] };
    }

    private static Option Create(Setting setting, SettingFlag flag) => setting.Kind switch
    {
        ConfigValueKind.Boolean => Bool(setting, flag),
        ConfigValueKind.Integer => Integer(setting, flag),
        _ => Text(setting, flag),
    };

    private static Option<bool> Bool(Setting setting, SettingFlag flag) => new(setting.FlagSpellings[0], [.. setting.FlagSpellings.Skip(1)])
    {
        Description = flag.Description,
        Recursive = true,
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Option<string> Text(Setting setting, SettingFlag flag) => new(setting.FlagSpellings[0], [.. setting.FlagSpellings.Skip(1)])
    {
        Description = flag.Description,
        HelpName = flag.HelpName,
        Recursive = true,
    };

    private static Option<int> Integer(Setting setting, SettingFlag flag)
    {
        var name = setting.FlagSpellings[0];
        var minimum = setting.Minimum ?? 0;
        return new Option<int>(name, [.. setting.FlagSpellings.Skip(1)])
        {
            Description = flag.Description,
            HelpName = flag.HelpName,
            Recursive = true,
            CustomParser = result =>
            {
                var typed = result.Parent is System.CommandLine.Parsing.OptionResult o ? o.IdentifierToken?.Value ?? name : name;
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"{typed}: expected a whole number of {flag.HelpName}, got '{text}'");
                    return 0;
                }

                if (value < minimum)
                {
                    result.AddError($"{typed} must be {(minimum == 0 ? "0 or more" : $"at least {minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}")}");
                }

                return value;
            },
        };
    }
}
