namespace Agon.Storage;

/// <summary>Where the database lives: <c>--db</c>, else <c>AGON_DB</c>, else <c>$XDG_DATA_HOME/agon/agon.db</c> (<c>~/.local/share/agon/agon.db</c>).</summary>
internal static class DatabasePath
{
    public const string Variable = "AGON_DB";

    public static string Resolve(IAgonEnvironment environment, string? option)
    {
        if (option is { Length: > 0 })
        {
            return AgonPaths.Resolve(environment, option);
        }

        if (environment.GetVariable(Variable) is { } fromEnvironment)
        {
            return AgonPaths.Resolve(environment, fromEnvironment);
        }

        var dataHome = environment.GetVariable("XDG_DATA_HOME") ?? Path.Combine(environment.HomeDirectory, ".local", "share");
        return Path.Combine(dataHome, "agon", "agon.db");
    }
}
