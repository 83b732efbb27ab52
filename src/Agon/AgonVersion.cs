using System.Reflection;

namespace Agon;

/// <summary>The version Agon reports (<c>agon --version</c>, the User-Agent header).</summary>
internal static class AgonVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(AgonVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
