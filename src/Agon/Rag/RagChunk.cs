namespace Agon.Rag;

/// <summary>One window of a document: its ordinal in the file, the index of its first word, its word count and its text (words joined by single spaces).</summary>
internal sealed record RagChunk(int Ordinal, int WordOffset, int Words, string Text);
