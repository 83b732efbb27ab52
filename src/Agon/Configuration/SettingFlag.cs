namespace Agon.Configuration;

/// <summary>
/// The command-line flag of a global setting: its help text and, for a value flag, the value's name in the help
/// (<c>--timeout &lt;seconds&gt;</c>). The spellings come from the key (<see cref="Setting.FlagSpellings"/>).
/// </summary>
internal sealed record SettingFlag(string Description, string? HelpName = null);
