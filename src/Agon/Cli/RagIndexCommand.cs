using System.CommandLine;
using System.Globalization;
using Agon.Rag;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// <c>agon rag index</c>: embeds the corpus (<c>ragCorpusPath</c>) into the index (<c>ragIndexPath</c>) through
/// <c>ragEmbeddingHost</c>/<c>ragEmbeddingModel</c>; only added and changed files are embedded again.
/// </summary>
internal sealed class RagIndexCommand : AgonCommand
{
    private readonly Option<bool> _rebuild = new("--rebuild") { Description = "Empty the index and embed every file again (needed for another model or dimension)" };

    public RagIndexCommand()
        : base("index", "Embed the corpus into the RAG index (only added and changed files)")
    {
        Options.Add(_rebuild);
        Options.Add(JsonOption);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var options = RagOptions.From(context.Config, context.Environment, needsCorpus: true);
        await using var embedder = new RagEmbedder(context.HostFactory, options.EmbeddingHost, options.EmbeddingModel);
        var progress = new RagIndexProgressView(console, context.TimeProvider);
        var summary = await new RagIndexer(embedder, context.TimeProvider).RunAsync(options, context.ParseResult.GetValue(_rebuild), progress, cancellationToken);
        if (console.JsonOutput)
        {
            console.WriteData(JsonText.Serialize(summary, RagJsonContext.Default.RagIndexSummary));
            return ExitCodes.Success;
        }

        foreach (var skipped in summary.SkippedBinary)
        {
            console.WriteWarning($"{skipped}: not text (a NUL byte); left out");
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index {summary.IndexPath} ({summary.Format}): {summary.EmbeddingModel} on {summary.EmbeddingHost}, {summary.Dimensions} dimensions{(summary.Rebuilt ? ", rebuilt" : "")}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files: {summary.Files} ({summary.Added} added, {summary.Changed} changed, {summary.Removed} removed, {summary.Unchanged} unchanged)"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chunks: {summary.ChunksEmbedded} embedded in {summary.Seconds:0.0##} s ({summary.ChunksPerSecond:0.#} chunks/s, {summary.FilesPerSecond:0.#} files/s; embedding {summary.EmbeddingSeconds:0.0##} s), {summary.Chunks} in the index"));
        return ExitCodes.Success;
    }
}
