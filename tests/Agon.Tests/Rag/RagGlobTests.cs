using Agon.Rag;

namespace Agon.Tests.Rag;

public sealed class RagGlobTests
{
    private static string? Excludes(string pattern, string path) => new RagGlob([pattern], "/corpus").Excludes(path);

    [Theory]
    [InlineData("*.log", "a.log", true)]
    [InlineData("*.log", "deep/er/a.log", true)]
    [InlineData("*.log", "a.log.txt", false)]
    [InlineData("drafts", "drafts/x.md", true)]
    [InlineData("drafts", "notes/drafts/x.md", true)]
    [InlineData("drafts", "draftsman.md", false)]
    [InlineData("docs/*.md", "docs/a.md", true)]
    [InlineData("docs/*.md", "docs/sub/a.md", false)]
    [InlineData("docs/*.md", "other/docs/a.md", false)]
    [InlineData("docs/**/*.md", "docs/a.md", true)]
    [InlineData("docs/**/*.md", "docs/x/y/a.md", true)]
    [InlineData("**/build/**", "src/build/out.txt", true)]
    [InlineData("**/build/**", "build/out.txt", true)]
    [InlineData("**/build/**", "builder/out.txt", false)]
    [InlineData("/top.md", "top.md", true)]
    [InlineData("/top.md", "sub/top.md", false)]
    [InlineData("/corpus/private/*", "private/a.md", true)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file10.txt", false)]
    [InlineData("[ab]*.md", "b1.md", true)]
    [InlineData("[!ab]*.md", "b1.md", false)]
    [InlineData("[!ab]*.md", "c1.md", true)]
    [InlineData("a+b (1).md", "a+b (1).md", true)]
    public void Pattern_MatchesRelativePath(string pattern, string path, bool excluded)
    {
        Assert.Equal(excluded, Excludes(pattern, path) is not null);
    }

    [Fact]
    public void FirstMatchingPattern_Named_EmptyOnesIgnored()
    {
        var glob = new RagGlob(["", "  ", "*.tmp", "*.md"], "/corpus");

        Assert.Equal(2, glob.Count);
        Assert.Equal("*.md", glob.Excludes("x/readme.md"));
        Assert.Null(glob.Excludes("x/readme.txt"));
    }
}
