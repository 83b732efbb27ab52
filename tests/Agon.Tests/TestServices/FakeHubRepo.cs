using System.Security.Cryptography;

namespace Agon.Tests.TestServices;

/// <summary>One repository of the <see cref="FakeHub"/>: a commit and its files (path → content), in tree order.</summary>
internal sealed class FakeHubRepo(string commit)
{
    public string Commit { get; } = commit;

    public List<(string Path, byte[] Content, bool Lfs)> Files { get; } = [];

    /// <summary>When set, refs, tree and resolve answer 401 unless this Bearer token comes with the request.</summary>
    public string? RequiredToken { get; set; }

    public FakeHubRepo Add(string path, byte[] content, bool lfs = true)
    {
        Files.Add((path, content, lfs));
        return this;
    }

    public FakeHubRepo Add(string path, int size, int seed) => Add(path, Content(size, seed));

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>A 40-hex stand-in for the git blob id of a non-LFS file (the fake never checks it).</summary>
    public static string GitOid(byte[] content) => Sha256(content)[..40];

    /// <summary>Deterministic bytes starting with the GGUF magic (not a loadable model).</summary>
    public static byte[] Content(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        "GGUF"u8.CopyTo(bytes);
        return bytes;
    }
}
