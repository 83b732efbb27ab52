namespace Agon.Accuracy;

/// <summary>
/// What a retrieval step did to one test's prompt (the RAG pass of <c>agon accuracy --rag</c>): the prompt to send
/// instead, agon's RAG fields for the record, and the files the context came from.
/// </summary>
internal readonly record struct AccuracyRetrieval(string Prompt, double RetrievalMs, int ContextTokens, int TopK, int SourceCoverage, IReadOnlyList<string> Files)
{
    /// <summary>
    /// agon's <c>citations_used</c>, which agon never computed: whether the answer names a file it was given, by its
    /// relative path or its file name (case-insensitive).
    /// </summary>
    public bool CitesAny(string answer) => Files.Any(file =>
        answer.Contains(file, StringComparison.OrdinalIgnoreCase) || answer.Contains(Path.GetFileName(file), StringComparison.OrdinalIgnoreCase));
}
