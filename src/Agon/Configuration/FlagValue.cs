namespace Agon.Configuration;

/// <summary>A global setting given as a flag: its value (bool, int or string) and the flag as typed.</summary>
internal sealed record FlagValue(object Value, string Flag);
