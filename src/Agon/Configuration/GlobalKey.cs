namespace Agon.Configuration;

/// <summary>One global configuration key: its JSON name, shape, default, flag and lower bound.</summary>
internal sealed record GlobalKey(string Name, ConfigValueKind Kind, object? Default, string Description, int? Minimum = null)
{
    /// <summary>The environment variable that overrides it: <c>AGON_</c> plus the key in upper snake case.</summary>
    public string EnvironmentVariable => "AGON_" + KeyNames.ToUpperSnake(Name);
}
