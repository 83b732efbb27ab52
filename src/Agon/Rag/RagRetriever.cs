using System.Numerics.Tensors;

namespace Agon.Rag;

/// <summary>
/// Retrieval over an index read once: every vector in one contiguous array (norms computed at load), a query
/// scored against all of them with <see cref="TensorPrimitives"/>, and the best <c>k</c> kept in a min-heap of size
/// <c>k</c> (agon re-read the whole index file for every query and sorted every score).
/// </summary>
internal sealed class RagRetriever
{
    private readonly float[] _vectors;
    private readonly float[] _norms;
    private readonly List<(string Path, RagChunk Chunk)> _chunks;

    private RagRetriever(RagIndexMeta? meta, int dimensions, float[] vectors, float[] norms, List<(string, RagChunk)> chunks)
    {
        Meta = meta;
        Dimensions = dimensions;
        _vectors = vectors;
        _norms = norms;
        _chunks = chunks;
    }

    public RagIndexMeta? Meta { get; }

    public int Dimensions { get; }

    public int Count => _chunks.Count;

    /// <summary>Reads every chunk of <paramref name="index"/> once.</summary>
    public static RagRetriever Load(RagIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var chunks = new List<(string, RagChunk)>();
        var dimensions = index.Meta?.Dimensions ?? 0;
        var vectors = new List<float[]>();
        foreach (var stored in index.ReadChunks(cancellationToken))
        {
            if (dimensions == 0)
            {
                dimensions = stored.Vector.Length;
            }

            if (stored.Vector.Length != dimensions)
            {
                throw new AgonException($"the RAG index {index.Path} mixes vectors of {dimensions} and {stored.Vector.Length} dimensions; rebuild it with agon rag index --rebuild");
            }

            chunks.Add((stored.Path, stored.Chunk));
            vectors.Add(stored.Vector);
        }

        return FromVectors(index.Meta, dimensions, vectors, chunks);
    }

    /// <summary>A retriever over vectors already in memory (tests, the benchmark).</summary>
    public static RagRetriever FromVectors(RagIndexMeta? meta, int dimensions, IReadOnlyList<float[]> vectors, List<(string, RagChunk)> chunks)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var all = new float[vectors.Count * dimensions];
        var norms = new float[vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            var row = all.AsSpan(i * dimensions, dimensions);
            vectors[i].CopyTo(row);
            norms[i] = TensorPrimitives.Norm(row);
        }

        return new RagRetriever(meta, dimensions, all, norms, chunks);
    }

    /// <summary>The <paramref name="k"/> best chunks for <paramref name="query"/>, best first (ties: the earlier chunk).</summary>
    public IReadOnlyList<RagHit> Search(ReadOnlySpan<float> query, int k, RagSimilarity similarity)
    {
        if (query.Length != Dimensions && Count > 0)
        {
            throw new AgonException($"the query vector has {query.Length} dimensions, the index {Dimensions}: it was built with another model; run agon rag index --rebuild");
        }

        k = Math.Min(k, Count);
        if (k <= 0)
        {
            return [];
        }

        var queryNorm = similarity == RagSimilarity.Cosine ? TensorPrimitives.Norm(query) : 1f;
        var heap = new PriorityQueue<int, (float Score, int Index)>(k + 1, WorstFirst.Instance);
        for (var i = 0; i < Count; i++)
        {
            var dot = TensorPrimitives.Dot(_vectors.AsSpan(i * Dimensions, Dimensions), query);
            var score = similarity == RagSimilarity.Cosine ? (_norms[i] * queryNorm is var n and > 0 ? dot / n : 0f) : dot;
            if (heap.Count < k)
            {
                heap.Enqueue(i, (score, i));
            }
            else if (heap.TryPeek(out _, out var worst) && score > worst.Score)
            {
                heap.DequeueEnqueue(i, (score, i));
            }
        }

        var best = new (float Score, int Index)[heap.Count];
        for (var n = best.Length - 1; n >= 0; n--)
        {
            heap.TryDequeue(out var index, out var priority);
            best[n] = (priority.Score, index);
        }

        return [.. best.Select((b, rank) => new RagHit(rank + 1, b.Score, _chunks[b.Index].Path, _chunks[b.Index].Chunk))];
    }

    /// <summary>Orders the heap so its top is the worst kept: the lowest score, and among equal scores the later chunk.</summary>
    private sealed class WorstFirst : IComparer<(float Score, int Index)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Index) x, (float Score, int Index) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Index.CompareTo(x.Index);
    }
}
