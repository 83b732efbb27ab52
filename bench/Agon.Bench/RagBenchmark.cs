using System.Diagnostics;
using System.Globalization;
using Agon.Configuration;
using Agon.Hosts.Embedded;
using Agon.Rag;

namespace Agon.Bench;

/// <summary>
/// RAG figures. <c>rag-index</c>: a generated corpus (default 1,000 files of 80–400 words) indexed into SQLite with
/// the in-process toy BERT, chunks per second with the embedding time shown apart, then a re-index with nothing
/// changed. <c>rag-retrieve</c>: top-4 over random vectors (default 20,000 × 768) stored in a SQLite index, the one
/// load timed apart from the queries (median and worst of 50, vectors already in memory as in a session).
/// </summary>
internal static class RagBenchmark
{
    private static readonly string[] s_topics =
    [
        "the cat sat on the mat and the kitten slept on the rug by the warm fire at home.",
        "stock markets fell sharply today as the bank raised rates and prices of shares dropped.",
        "the computer runs a program that reads data from memory and writes it to the disk.",
        "rain and wind are coming tomorrow with clouds, then the sun and a warm dry week.",
        "fresh bread, soup and cheese make a good lunch, and an apple is a fine dessert.",
        "the team won the game in the last minute after the ball hit the post twice.",
    ];

    public static async Task<int> IndexAsync(string modelsDir, int files)
    {
        var modelFile = Path.Combine(modelsDir, "toy-bert-embed-synthetic.gguf");
        if (!File.Exists(modelFile))
        {
            Console.Error.WriteLine($"no toy BERT at {modelFile}");
            return 2;
        }

        var root = Path.Combine(Path.GetTempPath(), "agon-bench-rag-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var corpus = Path.Combine(root, "corpus");
        Directory.CreateDirectory(corpus);
        try
        {
            var random = new Random(42);
            long words = 0;
            for (var i = 0; i < files; i++)
            {
                var text = new System.Text.StringBuilder();
                var count = random.Next(80, 401);
                while (text.Length == 0 || text.ToString().Split(' ').Length < count)
                {
                    text.Append(s_topics[random.Next(s_topics.Length)]).Append(random.Next(6) == 0 ? "\n\n" : " ");
                }

                words += count;
                var folder = Path.Combine(corpus, "d" + (i % 20).ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, $"f{i}.md"), text.ToString());
            }

            var models = Path.Combine(root, "models");
            Directory.CreateDirectory(models);
            File.Copy(modelFile, Path.Combine(models, "toy-bert-embed-synthetic.gguf"));
            var config = new HostConfig { Name = "local", Type = HostType.Embedded, ModelsDirs = [models], ModelsMax = 1, Timeout = TimeSpan.FromMinutes(10) };
            var options = new RagOptions
            {
                CorpusPath = corpus,
                IndexPath = Path.Combine(root, "index.db"),
                EmbeddingHost = config,
                EmbeddingModel = "toy-bert-embed-synthetic",
                ChunkSize = RagOptions.DefaultChunkSize,
                ChunkOverlap = 20,
            };
            await using var embedder = new RagEmbedder(new EmbeddedHost(config, new EmbeddedBenchmark.DirectoryEnvironment(models), TimeProvider.System, new EmbeddedBenchmark.NullLog()), options.EmbeddingModel);
            await embedder.EmbedAsync(["warm up the engine"], CancellationToken.None);
            var indexer = new RagIndexer(embedder, TimeProvider.System);
            var first = await indexer.RunAsync(options, rebuild: false, null, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"corpus: {files} files, {words} words; chunks of {options.ChunkSize} words, overlap {options.ChunkOverlap}; toy BERT in-process, batches of {RagIndexer.BatchSize}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"index:    {first.ChunksEmbedded} chunks in {first.Seconds:F2} s = {first.ChunksPerSecond:F0} chunks/s, {first.FilesPerSecond:F0} files/s; embedding {first.EmbeddingSeconds:F2} s ({first.ChunksEmbedded / first.EmbeddingSeconds:F0} chunks/s), the rest (walk, sha256, chunking, SQLite) {first.Seconds - first.EmbeddingSeconds:F2} s"));
            var again = await indexer.RunAsync(options, rebuild: false, null, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"re-index, nothing changed: {again.Unchanged} files unchanged, {again.ChunksEmbedded} embedded, {again.Seconds * 1000:F0} ms"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static int Retrieve(int chunks, int dimensions, int queries)
    {
        var root = Path.Combine(Path.GetTempPath(), "agon-bench-rag-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        try
        {
            var random = new Random(7);
            float[] Vector()
            {
                var v = new float[dimensions];
                for (var d = 0; d < dimensions; d++)
                {
                    v[d] = (float)((random.NextDouble() * 2) - 1);
                }

                return v;
            }

            var path = Path.Combine(root, "index.db");
            var write = Stopwatch.StartNew();
            using (var index = RagIndex.Open(path, create: true))
            {
                index.Reset(new RagIndexMeta("bench", "bench", dimensions, 200, 0));
                const int PerDocument = 20;
                var text = string.Join(' ', Enumerable.Repeat("word", 200));
                for (var doc = 0; doc * PerDocument < chunks; doc++)
                {
                    var name = $"doc{doc}.md";
                    index.Put(new RagDocument(name, "0"), [.. Enumerable.Range(0, Math.Min(PerDocument, chunks - (doc * PerDocument))).Select(c => new RagStoredChunk(name, new RagChunk(c, c * 200, 200, text), Vector()))]);
                }

                index.Commit();
            }

            write.Stop();
            var load = Stopwatch.StartNew();
            RagRetriever retriever;
            using (var index = RagIndex.Open(path, create: false))
            {
                retriever = RagRetriever.Load(index, CancellationToken.None);
            }

            load.Stop();
            var times = new List<double>();
            retriever.Search(Vector(), 4, RagSimilarity.Cosine);
            for (var q = 0; q < queries; q++)
            {
                var query = Vector();
                var watch = Stopwatch.StartNew();
                var hits = retriever.Search(query, 4, RagSimilarity.Cosine);
                watch.Stop();
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (hits.Count != 4)
                {
                    throw new InvalidOperationException("expected 4 hits");
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"index: {chunks} chunks x {dimensions} dims (200 words each) written in {write.Elapsed.TotalSeconds:F2} s, {new FileInfo(path).Length / 1048576.0:F0} MiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load once (one SQLite scan into memory): {load.Elapsed.TotalMilliseconds:F0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"top-4 cosine, {queries} queries: median {StartupBenchmark.Median(times):F2} ms, worst {times.Max():F2} ms (query embedding not included)"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
