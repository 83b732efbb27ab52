namespace Agon.Configuration;

/// <summary>The JSON shape a configuration key expects.</summary>
internal enum ConfigValueKind
{
    Boolean,
    Integer,
    Number,
    String,
    StringList,
}
