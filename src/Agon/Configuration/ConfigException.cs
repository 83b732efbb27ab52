namespace Agon.Configuration;

/// <summary>The configuration is wrong: every problem found, one per line, exit code 2.</summary>
internal sealed class ConfigException : AgonException
{
    private ConfigException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors), ExitCodes.Usage)
    {
        Errors = errors;
    }

    /// <summary>One message per problem, each naming the file and the key path.</summary>
    public IReadOnlyList<string> Errors { get; }

    public static ConfigException FromErrors(IReadOnlyList<string> errors) => new(errors);

    public static ConfigException FileNotFound(string path, string origin) =>
        new([$"config file '{path}' ({origin}) does not exist"]);

    public static ConfigException Unreadable(string path, string reason) =>
        new([$"config file '{path}' cannot be read: {reason}"]);
}
