namespace Agon.Configuration;

/// <summary>The configuration is wrong: every problem found, one per line, exit code 2.</summary>
internal sealed class ConfigException : AgonException
{
    private ConfigException(IReadOnlyList<string> errors, IReadOnlyList<string>? warnings = null)
        : base(string.Join(Environment.NewLine, errors), ExitCodes.Usage)
    {
        Errors = errors;
        Warnings = warnings ?? [];
    }

    /// <summary>One message per problem, each naming the file and the key path.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>What else the file had wrong (an unknown key's "did you mean"), shown before the errors: it may explain them.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public static ConfigException FromErrors(IReadOnlyList<string> errors, IReadOnlyList<string>? warnings = null) => new(errors, warnings);

    public static ConfigException FileNotFound(string path, string origin) =>
        new([$"config file '{path}' ({origin}) does not exist"]);

    public static ConfigException Unreadable(string path, string reason) =>
        new([$"config file '{path}' cannot be read: {reason}"]);
}
