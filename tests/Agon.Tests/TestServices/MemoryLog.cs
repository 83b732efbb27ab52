using Agon.Diagnostics;

namespace Agon.Tests.TestServices;

/// <summary>A log that keeps its (redacted) lines in memory.</summary>
internal sealed class MemoryLog(bool includeBodies = false) : IAgonLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public string Path => "memory";

    public bool IncludeBodies { get; } = includeBodies;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Write(string line)
    {
        lock (_gate)
        {
            _lines.Add(SecretRedactor.Redact(line));
        }
    }
}
