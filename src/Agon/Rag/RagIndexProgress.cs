namespace Agon.Rag;

/// <summary>How far an index run is: files and chunks embedded of those to embed, and the time so far.</summary>
internal sealed record RagIndexProgress(int FilesDone, int FilesToEmbed, int ChunksDone, int ChunksToEmbed, TimeSpan Elapsed)
{
    public double FilesPerSecond => Rate(FilesDone);

    public double ChunksPerSecond => Rate(ChunksDone);

    private double Rate(int count) => Elapsed.TotalSeconds > 0 ? count / Elapsed.TotalSeconds : 0;
}
