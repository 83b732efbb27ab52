namespace Agon.Tests.TestServices;

/// <summary>A string writer that counts its flushes and keeps what each flush let through.</summary>
internal sealed class FlushCountingWriter : StringWriter
{
    public List<string> Flushed { get; } = [];

    public int Flushes => Flushed.Count;

    public override void Flush()
    {
        Flushed.Add(ToString());
        base.Flush();
    }
}
