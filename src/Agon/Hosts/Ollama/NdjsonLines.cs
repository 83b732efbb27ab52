using System.Runtime.CompilerServices;
using System.Text;

namespace Agon.Hosts.Ollama;

/// <summary>Reads an NDJSON body line by line, skipping blank lines.</summary>
internal static class NdjsonLines
{
    public static async IAsyncEnumerable<string> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0 && !string.IsNullOrWhiteSpace(line))
            {
                yield return line;
            }
        }
    }
}
