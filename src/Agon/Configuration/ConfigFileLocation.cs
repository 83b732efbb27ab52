namespace Agon.Configuration;

/// <summary>The configuration file a run reads: its full path (null: none, the built-in default), the lookup step that found it, and the name errors use.</summary>
internal readonly record struct ConfigFileLocation(string? Path, string? Origin, string Display);
