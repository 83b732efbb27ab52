using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Agon.Rag;

/// <summary>
/// agon's JSONL index, read whole and written whole at <see cref="Commit"/> (a temporary file beside it, then a
/// rename). A file agon wrote has no sha256 and no model: every document counts as changed on the next index, and
/// only the dimension is checked.
/// </summary>
internal sealed class JsonlRagIndex : RagIndex
{
    private readonly SortedDictionary<string, (RagDocument Document, List<RagStoredChunk> Chunks)> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RagDocument> _documents = new(StringComparer.Ordinal);
    private RagIndexMeta? _meta;
    private bool _dirty;

    private JsonlRagIndex(string path)
        : base(path)
    {
    }

    public override RagIndexMeta? Meta => _meta;

    public override IReadOnlyDictionary<string, RagDocument> Documents => _documents;

    public override int ChunkCount => _entries.Values.Sum(e => e.Chunks.Count);

    public static JsonlRagIndex OpenFile(string path)
    {
        var index = new JsonlRagIndex(path);
        if (File.Exists(path))
        {
            index.Load();
        }

        return index;
    }

    public override void Reset(RagIndexMeta meta)
    {
        _entries.Clear();
        _documents.Clear();
        _meta = meta;
        _dirty = true;
    }

    public override void SetMeta(RagIndexMeta meta)
    {
        _meta = meta;
        _dirty = true;
    }

    public override void Put(RagDocument document, IReadOnlyList<RagStoredChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(document);
        _entries[document.Path] = (document, [.. chunks]);
        _documents[document.Path] = document;
        _dirty = true;
    }

    public override void Remove(string path)
    {
        _dirty |= _entries.Remove(path);
        _documents.Remove(path);
    }

    public override void Commit()
    {
        if (!_dirty)
        {
            return;
        }

        var temporary = Path + ".tmp";
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                foreach (var (document, chunks) in _entries.Values)
                {
                    foreach (var chunk in chunks)
                    {
                        var line = new JsonlIndexLine
                        {
                            ChunkId = string.Create(CultureInfo.InvariantCulture, $"{document.Path}:{chunk.Chunk.Ordinal}"),
                            Doc = document.Path,
                            Offset = chunk.Chunk.WordOffset,
                            Text = chunk.Chunk.Text,
                            Embedding = chunk.Vector,
                            TokenCount = chunk.Chunk.Words,
                            Sha256 = document.Sha256,
                            EmbeddingModel = _meta?.Model,
                        };
                        JsonSerializer.Serialize(writer, line, RagJsonContext.Default.JsonlIndexLine);
                        writer.Flush();
                        writer.Reset();
                        stream.WriteByte((byte)'\n');
                    }
                }
            }

            File.Move(temporary, Path, overwrite: true);
            _dirty = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AgonException($"the RAG index {Path}: {ex.Message}");
        }
    }

    public override void Checkpoint()
    {
    }

    public override IEnumerable<RagStoredChunk> ReadChunks(CancellationToken cancellationToken) =>
        _entries.Values.SelectMany(e => e.Chunks);

    public override void Dispose()
    {
    }

    private void Load()
    {
        var lineNumber = 0;
        string? model = null;
        var dimensions = 0;
        try
        {
            foreach (var line in File.ReadLines(Path, Encoding.UTF8))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var entry = JsonSerializer.Deserialize(line, RagJsonContext.Default.JsonlIndexLine);
                if (entry?.Doc is not { Length: > 0 } doc || entry.Embedding is not { Length: > 0 } vector)
                {
                    throw new AgonException($"the RAG index {Path}, line {lineNumber}: expected doc and embedding");
                }

                if (dimensions == 0)
                {
                    dimensions = vector.Length;
                }
                else if (vector.Length != dimensions)
                {
                    throw new AgonException($"the RAG index {Path}, line {lineNumber}: a vector of {vector.Length} dimensions among ones of {dimensions}; rebuild it with agon rag index --rebuild");
                }

                model ??= entry.EmbeddingModel;
                if (!_entries.TryGetValue(doc, out var existing))
                {
                    existing = (new RagDocument(doc, entry.Sha256), []);
                    _entries[doc] = existing;
                    _documents[doc] = existing.Document;
                }

                var ordinal = Ordinal(entry.ChunkId) ?? existing.Chunks.Count;
                var text = entry.Text ?? "";
                var words = entry.TokenCount > 0 ? entry.TokenCount : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
                existing.Chunks.Add(new RagStoredChunk(doc, new RagChunk(ordinal, entry.Offset, words, text), vector));
            }
        }
        catch (JsonException ex)
        {
            throw new AgonException($"the RAG index {Path}, line {lineNumber}: not a JSON index line ({ex.Message.Split('.')[0]})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AgonException($"the RAG index {Path}: {ex.Message}");
        }

        _meta = dimensions > 0 ? new RagIndexMeta(model, null, dimensions, 0, 0) : null;
    }

    private static int? Ordinal(string? chunkId)
    {
        var colon = chunkId?.LastIndexOf(':') ?? -1;
        return colon >= 0 && int.TryParse(chunkId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
