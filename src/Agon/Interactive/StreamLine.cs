namespace Agon.Interactive;

/// <summary>One wrapped screen line of a pane: its text, kind, and where it starts (block, character) for scroll anchors.</summary>
internal readonly record struct StreamLine(string Text, StreamBlockKind Kind, int Block, int Offset);
