using System.Diagnostics;
using System.Globalization;

// Agon's benchmarks. Each one prints what it measured and how, so a note can quote it.
//   dotnet run -c Release --project bench/Agon.Bench -- startup [agon-executable] [runs]
// "startup" runs `agon --version` and `agon show config` as separate processes, one warm-up each,
// then reports the median, min and max wall time over the runs (default 10).
var benchmark = args.Length > 0 ? args[0] : "startup";
switch (benchmark)
{
    case "startup":
        var executable = args.Length > 1 ? args[1] : Path.Combine("artifacts", "agon", "agon");
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        if (!File.Exists(executable))
        {
            Console.Error.WriteLine($"no agon executable at {executable}; publish first: dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon");
            return 2;
        }

        foreach (var commandLine in new[] { "--version", "show config" })
        {
            var times = StartupBenchmark.Measure(executable, commandLine, runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"agon {commandLine,-12} median {StartupBenchmark.Median(times),6:F1} ms  min {times.Min(),6:F1} ms  max {times.Max(),6:F1} ms  ({runs} runs)"));
        }

        return 0;
    default:
        Console.Error.WriteLine($"unknown benchmark '{benchmark}' (known: startup)");
        return 2;
}

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
