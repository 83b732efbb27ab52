namespace Agon.Configuration;

/// <summary>Where an effective configuration value came from.</summary>
internal enum ValueSource
{
    Default,
    File,
    Environment,
    Flag,
}
