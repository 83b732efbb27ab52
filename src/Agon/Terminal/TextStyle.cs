namespace Agon.Terminal;

/// <summary>The few styles Agon uses; rendered as ANSI colours only where the stream supports them.</summary>
internal enum TextStyle
{
    Plain,
    Bold,
    Dim,
    Success,
    Warning,
    Error,
    Accent,
}
