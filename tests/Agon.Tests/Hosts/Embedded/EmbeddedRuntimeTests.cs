using Agon.Hosts.Embedded;

namespace Agon.Tests.Hosts.Embedded;

/// <summary>The in-process engine names its version from the LLamaSharp assembly, not from a string in the code.</summary>
public sealed class EmbeddedRuntimeTests
{
    [Fact]
    public void Version_ComesFromTheLoadedLLamaSharpAssembly()
    {
        var assembly = typeof(LLama.Native.NativeLibraryConfig).Assembly;

        Assert.Equal("LLamaSharp " + assembly.GetName().Version!.ToString(3), EmbeddedRuntime.Version);
    }

    [Fact]
    public void VersionOf_DropsTheCommitTailOfAnInformationalVersion()
    {
        var version = EmbeddedRuntime.VersionOf(typeof(EmbeddedRuntime).Assembly);

        Assert.DoesNotContain('+', version);
        Assert.NotEqual("unknown", version);
    }
}
