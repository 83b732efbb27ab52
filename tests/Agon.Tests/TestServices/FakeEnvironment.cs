namespace Agon.Tests.TestServices;

/// <summary>A throwaway environment: its own temporary current and home directories and variables.</summary>
internal sealed class FakeEnvironment : IAgonEnvironment, IDisposable
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public FakeEnvironment()
    {
        Root = Path.Combine(Path.GetTempPath(), "agon-tests", Guid.NewGuid().ToString("N"));
        CurrentDirectory = Path.Combine(Root, "work");
        HomeDirectory = Path.Combine(Root, "home");
        Directory.CreateDirectory(CurrentDirectory);
        Directory.CreateDirectory(HomeDirectory);
    }

    public string Root { get; }

    public string CurrentDirectory { get; }

    public string HomeDirectory { get; }

    public string? GetVariable(string name) => _variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public FakeEnvironment Set(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    /// <summary>Writes a file under the current directory and returns its full path.</summary>
    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(CurrentDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes agon's default <c>./config/config.json</c>.</summary>
    public string WriteConfig(string json) => WriteFile(Path.Combine("config", "config.json"), json);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
