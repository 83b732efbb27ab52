using System.Runtime.InteropServices;

namespace Agon.Rag;

/// <summary>Vectors as SQLite blobs: little-endian float32, the bytes of the array as they are (as <c>llm</c> packs them).</summary>
internal static class RagVectors
{
    public static byte[] ToBlob(float[] vector)
    {
        EnsureLittleEndian();
        return MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
    }

    public static float[] FromBlob(byte[] blob)
    {
        EnsureLittleEndian();
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"a vector blob of {blob.Length} bytes is not float32");
        }

        return MemoryMarshal.Cast<byte, float>(blob).ToArray();
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("RAG index vectors are stored little-endian; this machine is big-endian");
        }
    }
}
