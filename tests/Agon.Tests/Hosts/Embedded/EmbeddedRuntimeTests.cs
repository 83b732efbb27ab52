using Agon.Hosts.Embedded;

namespace Agon.Tests.Hosts.Embedded;

/// <summary>The in-process engine names its version from the LLamaSharp package (its assembly, or the version the build recorded), not from a string in the code.</summary>
public sealed class EmbeddedRuntimeTests
{
    [Fact]
    public void Version_IsThePackageVersion_WhenTheLLamaSharpAssemblyCarriesNone()
    {
        var engine = typeof(LLama.Native.NativeLibraryConfig).Assembly;
        var recorded = typeof(EmbeddedRuntime).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "LLamaSharpVersion").Value;

        Assert.Equal("0.0.0", EmbeddedRuntime.VersionOf(engine));
        Assert.Matches(@"^\d+\.\d+\.\d+$", recorded);
        Assert.Equal("LLamaSharp " + recorded, EmbeddedRuntime.Version);
    }

    [Fact]
    public void EngineVersion_PrefersTheEnginesOwnVersion_WhenItHasOne()
    {
        // The test assembly has a real informational version; it stands in for an engine assembly that carries one.
        var withVersion = typeof(EmbeddedRuntimeTests).Assembly;

        Assert.Equal(EmbeddedRuntime.VersionOf(withVersion), EmbeddedRuntime.EngineVersion(withVersion, typeof(EmbeddedRuntime).Assembly));
        Assert.NotEqual("0.0.0", EmbeddedRuntime.VersionOf(withVersion));
    }

    [Fact]
    public void VersionOf_DropsTheCommitTailOfAnInformationalVersion()
    {
        var version = EmbeddedRuntime.VersionOf(typeof(EmbeddedRuntime).Assembly);

        Assert.DoesNotContain('+', version);
        Assert.NotEqual("unknown", version);
    }
}
