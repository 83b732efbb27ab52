namespace Agon.Configuration;

/// <summary>
/// One global setting, as <see cref="GlobalSettings"/> defines it: its key in the file, JSON shape, default,
/// environment variable, flag, description and lower bound. Reading, <c>show config</c> and the suggestions follow from it.
/// </summary>
internal abstract class Setting(string key, ConfigValueKind kind, string description, SettingFlag? flag, int? minimum)
{
    /// <summary>The key in the file (agon's camelCase spelling).</summary>
    public string Key { get; } = key;

    public ConfigValueKind Kind { get; } = kind;

    /// <summary>One line for the README's table of global keys.</summary>
    public string Description { get; } = description;

    /// <summary>The command-line flag, or null when the setting has none.</summary>
    public SettingFlag? Flag { get; } = flag;

    /// <summary>The smallest whole number accepted (integer settings only; null: no bound).</summary>
    public int? Minimum { get; } = minimum;

    /// <summary>The values a text setting accepts (compared case-insensitively); empty: any text.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Whether <paramref name="text"/> is acceptable: any text, or one of <see cref="Choices"/>.</summary>
    public bool Accepts(string text) => Choices.Count == 0 || Choices.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>What a rejected value should have been: "cosine or dot".</summary>
    public string ChoicesText => Choices.Count <= 1 ? string.Join("", Choices) : string.Join(", ", Choices.Take(Choices.Count - 1)) + " or " + Choices[^1];

    /// <summary>The environment variable that overrides it: <c>AGON_</c> plus the key in upper snake case.</summary>
    public string EnvironmentVariable => "AGON_" + KeyNames.ToUpperSnake(Key);

    /// <summary>The flag's spellings: <c>--jsonMode</c> and its kebab-case alias <c>--json-mode</c>; none without a flag.</summary>
    public IReadOnlyList<string> FlagSpellings
    {
        get
        {
            if (Flag is null)
            {
                return [];
            }

            var name = "--" + Key;
            var kebab = "--" + KeyNames.ToKebab(Key);
            return kebab == name ? [name] : [name, kebab];
        }
    }

    /// <summary>The default, untyped (null for an unset path).</summary>
    public abstract object? DefaultValue { get; }

    public override string ToString() => Key;
}
