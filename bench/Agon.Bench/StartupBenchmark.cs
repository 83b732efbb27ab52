using System.Diagnostics;

namespace Agon.Bench;

/// <summary>Wall time of whole `agon` processes: what a user waits for.</summary>
internal static class StartupBenchmark
{
    public static List<double> Measure(string executable, string arguments, int runs)
    {
        Run(executable, arguments);
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            Run(executable, arguments);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void Run(string executable, string arguments)
    {
        var info = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + executable);
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }
}
