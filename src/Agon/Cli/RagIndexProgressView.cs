using System.Globalization;
using Agon.Rag;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>Index progress on stderr: at most one line a second, with files and chunks per second.</summary>
internal sealed class RagIndexProgressView(IAgonConsole console, TimeProvider timeProvider) : IProgress<RagIndexProgress>
{
    private long _last = timeProvider.GetTimestamp();

    public void Report(RagIndexProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (timeProvider.GetElapsedTime(_last) < TimeSpan.FromSeconds(1) || value.ChunksDone == value.ChunksToEmbed)
        {
            return;
        }

        _last = timeProvider.GetTimestamp();
        console.WriteNote(string.Create(CultureInfo.InvariantCulture,
            $"indexing: {value.FilesDone}/{value.FilesToEmbed} files, {value.ChunksDone}/{value.ChunksToEmbed} chunks ({value.FilesPerSecond:0.#} files/s, {value.ChunksPerSecond:0.#} chunks/s)"));
    }
}
