namespace Agon.Configuration;

/// <summary>Values given on the command line; each non-null one beats the file and the environment.</summary>
internal sealed record ConfigOverrides
{
    public static readonly ConfigOverrides None = new();

    /// <summary>The <c>--config</c> / <c>-c</c> path.</summary>
    public string? ConfigPath { get; init; }

    /// <summary><c>--models-dir</c> folders, added to every in-process host.</summary>
    public IReadOnlyList<string> ModelsDirs { get; init; } = [];

    /// <summary>Flag values by global setting (for example <see cref="GlobalSettings.Timeout"/> → 30), with the flag spelling used.</summary>
    public IReadOnlyDictionary<Setting, FlagValue> Values { get; init; } = new Dictionary<Setting, FlagValue>();
}
