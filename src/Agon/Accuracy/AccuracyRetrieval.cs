namespace Agon.Accuracy;

/// <summary>
/// What a retrieval step did to one test's prompt (the RAG pass of <c>agon accuracy --rag</c>): the prompt to send
/// instead, and agon's RAG fields for the record.
/// </summary>
internal readonly record struct AccuracyRetrieval(string Prompt, double RetrievalMs, int ContextTokens, int TopK, int SourceCoverage);
