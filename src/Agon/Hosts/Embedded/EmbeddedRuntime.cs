using System.Globalization;
using System.Reflection;
using Agon.Diagnostics;
using LLama.Native;

namespace Agon.Hosts.Embedded;

/// <summary>Process-wide set-up of the native llama.cpp library, and the machine facts the engine sizes itself by.</summary>
internal static class EmbeddedRuntime
{
    private static readonly Lock s_gate = new();
    private static IAgonLog? s_log;
    private static bool s_configured;

    /// <summary>Sends the native library's log to Agon's log file (with <c>--debug</c>), never to the terminal.</summary>
    public static void Configure(IAgonLog log)
    {
        lock (s_gate)
        {
            s_log = log;
            if (s_configured || NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                return;
            }

            s_configured = true;

            // The llama.cpp libraries ship beside the executable (runtimes/<rid>/native/<avx level>/). Searching the
            // executable's own folder first makes loading deterministic: the native (AOT) executable never reaches
            // LLamaSharp's fallback through Assembly.Location (empty there), nor the current directory's "./".
            NativeLibraryConfig.All.WithSearchDirectory(AppContext.BaseDirectory);
            NativeLibraryConfig.All.WithLogCallback((level, message) =>
            {
                if (s_log is { IncludeBodies: true } current && level >= LLamaLogLevel.Info)
                {
                    current.Write("llama.cpp " + message.TrimEnd());
                }
            });
        }
    }

    /// <summary>Physical cores (llama.cpp's own default), from /proc/cpuinfo where there is one.</summary>
    public static int PhysicalCores { get; } = CountPhysicalCores();

    private static int CountPhysicalCores()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                var cores = new HashSet<string>(StringComparer.Ordinal);
                string? physical = null;
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("physical id", StringComparison.Ordinal))
                    {
                        physical = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    }
                    else if (line.StartsWith("core id", StringComparison.Ordinal))
                    {
                        cores.Add(physical + "/" + line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                    }
                }

                if (cores.Count > 0)
                {
                    return cores.Count;
                }
            }
        }
        catch (IOException)
        {
        }

        return Math.Max(1, Environment.ProcessorCount);
    }

    /// <summary>
    /// The engine's version: the LLamaSharp assembly's own when it has one, else the package version the build
    /// recorded (LLamaSharp 0.30.0's assembly says 0.0.0.0). Neither is a string in the code, so both follow the package.
    /// </summary>
    public static string Version { get; } = "LLamaSharp " + EngineVersion(typeof(NativeLibraryConfig).Assembly, typeof(EmbeddedRuntime).Assembly);

    internal static string EngineVersion(Assembly engine, Assembly agon)
    {
        var own = VersionOf(engine);
        if (own is not ("0.0.0" or "unknown"))
        {
            return own;
        }

        return agon.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "LLamaSharpVersion")?.Value is { Length: > 0 } recorded
            ? recorded
            : own;
    }

    /// <summary>
    /// The informational version when the assembly has one (without its <c>+commit</c> tail), else its assembly
    /// version. Both are metadata, so they survive Native AOT.
    /// </summary>
    internal static string VersionOf(Assembly assembly)
    {
        if (assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { Length: > 0 } informational)
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }

        return assembly.GetName().Version is { } version ? version.ToString(3) : "unknown";
    }

    public static string Cores => PhysicalCores.ToString(CultureInfo.InvariantCulture);
}
