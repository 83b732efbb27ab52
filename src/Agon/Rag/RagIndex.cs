namespace Agon.Rag;

/// <summary>
/// An index file: SQLite (<see cref="SqliteRagIndex"/>) or, for a path ending in <c>.jsonl</c>, agon's JSONL
/// (<see cref="JsonlRagIndex"/>). Writes are grouped: <see cref="Put"/> and <see cref="Remove"/> take effect for
/// readers at <see cref="Commit"/>; SQLite commits each group in one transaction, so Ctrl+C keeps the groups done.
/// </summary>
internal abstract class RagIndex : IDisposable
{
    protected RagIndex(string path) => Path = path;

    public string Path { get; }

    public static bool IsJsonl(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens (for <paramref name="create"/>, creating) the index at <paramref name="path"/>.</summary>
    public static RagIndex Open(string path, bool create)
    {
        if (!create && !File.Exists(path))
        {
            throw new AgonException($"no RAG index at {path}; build it with agon rag index");
        }

        return IsJsonl(path) ? JsonlRagIndex.OpenFile(path) : SqliteRagIndex.OpenFile(path, create);
    }

    /// <summary>What the index was built with; null for a new, empty index.</summary>
    public abstract RagIndexMeta? Meta { get; }

    /// <summary>Every document, by relative path.</summary>
    public abstract IReadOnlyDictionary<string, RagDocument> Documents { get; }

    /// <summary>Empties the index and records <paramref name="meta"/> (a rebuild, or the first write).</summary>
    public abstract void Reset(RagIndexMeta meta);

    /// <summary>Records <paramref name="meta"/> (the chunking changed, the model and dimension stayed).</summary>
    public abstract void SetMeta(RagIndexMeta meta);

    /// <summary>Adds or replaces one document and its chunks.</summary>
    public abstract void Put(RagDocument document, IReadOnlyList<RagStoredChunk> chunks);

    public abstract void Remove(string path);

    public abstract void Commit();

    /// <summary>The end of a group of writes during a run: SQLite commits it; JSONL, written whole, waits for <see cref="Commit"/>.</summary>
    public virtual void Checkpoint() => Commit();

    /// <summary>Every chunk with its vector, read once (retrieval keeps them in memory).</summary>
    public abstract IEnumerable<RagStoredChunk> ReadChunks(CancellationToken cancellationToken);

    /// <summary>The number of chunks.</summary>
    public abstract int ChunkCount { get; }

    public abstract void Dispose();
}
