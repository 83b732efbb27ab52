namespace Agon.Rag;

/// <summary>A file of the corpus: its path relative to the corpus root (with <c>/</c>) and its full path.</summary>
internal sealed record CorpusFile(string RelativePath, string FullPath);
