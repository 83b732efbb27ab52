namespace Agon;

/// <summary>The process environment, behind a seam so tests never depend on the real one or on the current directory.</summary>
internal interface IAgonEnvironment
{
    /// <summary>The value of an environment variable, or null when it is unset or empty.</summary>
    string? GetVariable(string name);

    /// <summary>The directory relative paths (like agon's <c>config/config.json</c>) are resolved against.</summary>
    string CurrentDirectory { get; }

    /// <summary>The user's home directory.</summary>
    string HomeDirectory { get; }
}
