namespace Agon.Hosts;

/// <summary>Model architectures that only encode (BERT and kin): they compute embeddings and cannot write text.</summary>
internal static class EncoderArchitectures
{
    private static readonly HashSet<string> s_names = new(StringComparer.OrdinalIgnoreCase)
    {
        "bert", "nomic-bert", "nomic-bert-moe", "jina-bert-v2", "jina-bert-v3", "neo-bert", "modern-bert", "t5encoder",
    };

    public static bool Contains(string? architecture) => architecture is not null && s_names.Contains(architecture);
}
