using System.Security.Cryptography;
using System.Text;

namespace Agon.Rag;

/// <summary>
/// <c>agon rag index</c>: walks the corpus, hashes every file, and embeds only the added and changed ones (all of
/// them with <c>rebuild</c>, or when the chunking changed), in batches of <see cref="BatchSize"/> chunks across
/// files; documents gone from the corpus are removed. A different model or dimension than the index holds is
/// refused unless rebuilding. SQLite commits after each batch, so Ctrl+C keeps the finished files.
/// </summary>
internal sealed class RagIndexer(RagEmbedder embedder, TimeProvider timeProvider)
{
    public const int BatchSize = 32;

    public async Task<RagIndexSummary> RunAsync(RagOptions options, bool rebuild, IProgress<RagIndexProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = timeProvider.GetTimestamp();
        var corpus = options.CorpusPath ?? throw AgonException.Usage("ragCorpusPath is not set; name the folder to index in the configuration");
        var files = CorpusWalker.Walk(corpus, options.IndexPath, options.AllowedExtensions, new RagGlob(options.ExcludeGlobs, corpus));
        using var index = RagIndex.Open(options.IndexPath, create: true);
        var old = index.Meta;
        if (old is { Model: { } oldModel } && !rebuild && !string.Equals(oldModel, embedder.Model, StringComparison.Ordinal))
        {
            throw AgonException.Usage($"the RAG index {options.IndexPath} holds vectors from {oldModel} ({old.Dimensions} dimensions); indexing with {embedder.Model} needs a new index: run agon rag index --rebuild");
        }

        var rechunk = rebuild || (old is { ChunkSize: > 0 } && (old.ChunkSize != options.ChunkSize || old.ChunkOverlap != options.ChunkOverlap));
        var pending = new List<(RagDocument Document, IReadOnlyList<RagChunk> Chunks)>();
        var binary = new List<string>();
        int added = 0, changed = 0, unchanged = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = await ReadAsync(file, cancellationToken);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var known = index.Documents.GetValueOrDefault(file.RelativePath);
            if (!rechunk && known?.Sha256 == sha)
            {
                unchanged++;
                continue;
            }

            var text = Decode(bytes);
            if (text is null)
            {
                binary.Add(file.RelativePath);
                continue;
            }

            _ = known is null ? added++ : changed++;
            pending.Add((new RagDocument(file.RelativePath, sha), RagChunker.Chunk(text, options.ChunkSize, options.ChunkOverlap)));
        }

        var present = files.Select(f => f.RelativePath).Except(binary).ToHashSet(StringComparer.Ordinal);
        var removed = rebuild ? [] : index.Documents.Keys.Where(p => !present.Contains(p)).ToList();
        var meta = new RagIndexMeta(embedder.Model, embedder.Host, old?.Dimensions ?? 0, options.ChunkSize, options.ChunkOverlap);
        var toEmbed = pending.Sum(p => p.Chunks.Count);
        var embedding = TimeSpan.Zero;
        var metaWritten = false;

        void WriteMeta(int dimensions)
        {
            if (metaWritten)
            {
                return;
            }

            meta = meta with { Dimensions = dimensions };
            if (rebuild || old is null)
            {
                index.Reset(meta);
            }
            else
            {
                index.SetMeta(meta);
            }

            foreach (var path in removed)
            {
                index.Remove(path);
            }

            metaWritten = true;
        }

        // Chunks of several files share a request; a file is written once its last chunk has its vector.
        var flat = pending.SelectMany((p, file) => p.Chunks.Select(c => (File: file, Chunk: c))).ToList();
        var vectors = pending.Select(p => new float[]?[p.Chunks.Count]).ToList();
        var nextFile = 0;
        var filesDone = 0;
        void WriteFinished()
        {
            while (nextFile < pending.Count && (pending[nextFile].Chunks.Count == 0 || vectors[nextFile][^1] is not null))
            {
                var (document, chunks) = pending[nextFile];
                index.Put(document, [.. chunks.Select((c, i) => new RagStoredChunk(document.Path, c, vectors[nextFile][i]!))]);
                vectors[nextFile] = [];
                nextFile++;
                filesDone++;
            }
        }

        if (flat.Count == 0)
        {
            WriteMeta(old?.Dimensions ?? 0);
            WriteFinished();
        }

        for (var start = 0; start < flat.Count; start += BatchSize)
        {
            var batch = flat.GetRange(start, Math.Min(BatchSize, flat.Count - start));
            var before = timeProvider.GetTimestamp();
            var embedded = await embedder.EmbedAsync([.. batch.Select(b => b.Chunk.Text)], cancellationToken);
            embedding += timeProvider.GetElapsedTime(before);
            var dimensions = embedded[0].Length;
            if (!rebuild && old is { Dimensions: > 0 } && dimensions != old.Dimensions)
            {
                throw AgonException.Usage($"the RAG index {options.IndexPath} holds vectors of {old.Dimensions} dimensions; {embedder.Model} on host {embedder.Host} gives {dimensions}: run agon rag index --rebuild");
            }

            if (embedded.Any(v => v.Length != dimensions))
            {
                throw new AgonException($"{embedder.Model} on host {embedder.Host} returned vectors of different lengths in one batch");
            }

            WriteMeta(dimensions);
            for (var i = 0; i < batch.Count; i++)
            {
                vectors[batch[i].File][batch[i].Chunk.Ordinal] = embedded[i];
            }

            WriteFinished();
            index.Checkpoint();
            progress?.Report(new RagIndexProgress(filesDone, pending.Count, start + batch.Count, toEmbed, timeProvider.GetElapsedTime(started)));
        }

        index.Commit();
        var elapsed = timeProvider.GetElapsedTime(started);
        var seconds = elapsed.TotalSeconds;
        return new RagIndexSummary
        {
            IndexPath = options.IndexPath,
            Format = RagIndex.IsJsonl(options.IndexPath) ? "jsonl" : "sqlite",
            EmbeddingHost = embedder.Host,
            EmbeddingModel = embedder.Model,
            Dimensions = meta.Dimensions,
            Rebuilt = rebuild,
            Files = files.Count - binary.Count,
            Added = added,
            Changed = changed,
            Removed = removed.Count,
            Unchanged = unchanged,
            SkippedBinary = binary,
            ChunksEmbedded = toEmbed,
            Chunks = index.ChunkCount,
            Seconds = Math.Round(seconds, 3),
            EmbeddingSeconds = Math.Round(embedding.TotalSeconds, 3),
            ChunksPerSecond = seconds > 0 ? Math.Round(toEmbed / seconds, 1) : 0,
            FilesPerSecond = seconds > 0 ? Math.Round(pending.Count / seconds, 1) : 0,
        };
    }

    private static async Task<byte[]> ReadAsync(CorpusFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(file.FullPath, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AgonException($"ragCorpusPath: cannot read {file.RelativePath}: {ex.Message}");
        }
    }

    /// <summary>UTF-8 text (a BOM dropped); null for a file with a NUL byte, which is not text.</summary>
    private static string? Decode(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return null;
        }

        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return Encoding.UTF8.GetString(span);
    }
}
