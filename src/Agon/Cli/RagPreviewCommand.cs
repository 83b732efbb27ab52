using System.CommandLine;
using System.Globalization;
using Agon.Rag;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// <c>agon rag preview QUERY…</c>: the settings, each retrieved chunk (score, file, offset, words), then the CONTEXT
/// block exactly as a prompt gets it.
/// </summary>
internal sealed class RagPreviewCommand : AgonCommand
{
    private const int ExcerptLength = 160;

    private readonly Argument<string[]> _query = new("QUERY") { Description = "The query (its words are joined with spaces)", Arity = ArgumentArity.OneOrMore };

    public RagPreviewCommand()
        : base("preview", "Show what the RAG index retrieves for a query and the CONTEXT block a prompt gets")
    {
        Arguments.Add(_query);
        Options.Add(JsonOption);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var query = string.Join(' ', context.ParseResult.GetValue(_query) ?? []).Trim();
        if (query.Length == 0)
        {
            throw AgonException.Usage("rag preview: the query is empty");
        }

        var options = RagOptions.From(context.Config, context.Environment, needsCorpus: false);
        await using var session = RagSession.Open(options, context.HostFactory, context.TimeProvider, cancellationToken);
        var retrieval = await session.RetrieveAsync(query, cancellationToken);
        var settings = RagSettingsJson.Of(options, session.Retriever);
        if (settings.IndexModel is { } indexModel && indexModel != options.EmbeddingModel)
        {
            console.WriteWarning($"the index was built with {indexModel}, the query is embedded with {options.EmbeddingModel}; scores may mean little (agon rag index --rebuild)");
        }

        if (console.JsonOutput)
        {
            console.WriteData(JsonText.Serialize(
                new RagPreviewDocument
                {
                    Query = query,
                    Settings = settings,
                    RetrievalMs = retrieval.RetrievalMs,
                    EmbeddingMs = retrieval.EmbeddingMs,
                    Chunks = [.. retrieval.Hits.Select(RagHitJson.Of)],
                    Context = retrieval.Context.Text,
                    ContextTokens = retrieval.Context.Words,
                    SourceCoverage = retrieval.Context.SourceCoverage,
                    Files = retrieval.Context.Files,
                },
                RagJsonContext.Default.RagPreviewDocument));
            return ExitCodes.Success;
        }

        var c = CultureInfo.InvariantCulture;
        console.WriteLine(string.Create(c, $"index       {settings.IndexPath} ({settings.Format}, {settings.IndexedChunks} chunks, {settings.Dimensions} dimensions{(settings.IndexModel is { } m ? ", " + m : "")})"));
        console.WriteLine($"embedding   {settings.EmbeddingModel} on {settings.EmbeddingHost}");
        console.WriteLine(string.Create(c, $"retrieval   top {settings.TopK}, {settings.Similarity}, context limit {(settings.ContextTokenLimit > 0 ? settings.ContextTokenLimit.ToString(c) + " words" : "none")}"));
        console.WriteLine(string.Create(c, $"took        {retrieval.RetrievalMs:0.##} ms (embedding the query {retrieval.EmbeddingMs:0.##} ms)"));
        console.WriteLine();
        if (retrieval.Hits.Count == 0)
        {
            console.WriteLine("no chunks: the index is empty (agon rag index)");
        }

        foreach (var hit in retrieval.Hits)
        {
            console.WriteLine(string.Create(c, $"{hit.Rank}. score {hit.Score:0.0000}  {hit.Path}  offset {hit.Chunk.WordOffset}  {hit.Chunk.Words} words"));
            var text = hit.Chunk.Text;
            console.WriteLine("   " + (text.Length > ExcerptLength ? text[..ExcerptLength] + "…" : text));
        }

        console.WriteLine();
        console.WriteLine(retrieval.Context.Text);
        console.WriteLine();
        console.WriteLine(string.Create(c, $"context_tokens {retrieval.Context.Words}, source_coverage {retrieval.Context.SourceCoverage}"));
        return ExitCodes.Success;
    }
}
