namespace Agon.Tests.TestServices;

/// <summary>
/// The tiny real GGUF files of <c>../shared/models</c>, found from the test binary's folder upwards (never from the
/// current directory), or through <c>AGON_TEST_MODELS</c>. Tests that need them skip, saying why, when absent.
/// </summary>
internal static class SharedModels
{
    public const string Variable = "AGON_TEST_MODELS";

    public static string? Directory { get; } = Find();

    public static string Path(string file) => System.IO.Path.Combine(Directory ?? throw new InvalidOperationException("no shared models"), file);

    /// <summary>Skips the running test unless the models folder is present.</summary>
    public static void RequireOrSkip()
    {
        if (Directory is null)
        {
            Assert.Skip($"the tiny GGUF models are not present: set {Variable} or put shared/models beside the repository");
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return System.IO.Directory.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "models");
            if (File.Exists(System.IO.Path.Combine(candidate, "stories260K.gguf")))
            {
                return candidate;
            }
        }

        return null;
    }
}
