using Agon.Files;

namespace Agon.Tests.Files;

/// <summary>Regular files told from folders, links and device nodes, without following a final link.</summary>
public sealed class FileKindsTests
{
    [Fact]
    public void EachKind()
    {
        using var env = new FakeEnvironment();
        var file = env.WriteFile("a.txt", "x");
        var link = Path.Combine(env.Root, "link");
        File.CreateSymbolicLink(link, file);

        Assert.Equal(FileKind.Regular, FileKinds.Of(file));
        Assert.Equal(FileKind.Directory, FileKinds.Of(env.Root));
        Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(link));
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
        Assert.Equal(FileKind.Missing, FileKinds.Of(Path.Combine(env.Root, "nothing")));
        Assert.Equal(FileKind.Missing, FileKinds.Of(Path.Combine(file, "under-a-file")));
    }
}
