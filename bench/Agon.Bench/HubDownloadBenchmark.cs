using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Hosts.Embedded;

namespace Agon.Bench;

/// <summary>
/// Pull throughput from a hub on loopback: <c>agon</c>'s whole in-process pull (refs, tree, the blob streamed to
/// disk with its sha256 checked, the snapshot link) against <c>curl -o</c> of the same file from the same server.
/// Runs alternate; medians are reported.
/// </summary>
internal static class HubDownloadBenchmark
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    public static async Task<int> RunAsync(int megabytes, int runs)
    {
        var data = new byte[megabytes * 1024L * 1024L];
        new Random(42).NextBytes(data);
        var sha = Convert.ToHexStringLower(SHA256.HashData(data));
        var tree = $$$"""[{"type":"file","oid":"{{{sha[..40]}}}","size":{{{data.Length}}},"path":"blob-Q4_K_M.gguf","lfs":{"oid":"{{{sha}}}","size":{{{data.Length}}},"pointerSize":134}}]""";
        var refs = $$"""{"branches":[{"name":"main","targetCommit":"{{Commit}}"}]}""";
        using var server = new LoopbackHttpServer(path =>
            path.Contains("/resolve/", StringComparison.Ordinal) ? (data, "application/octet-stream")
            : path.EndsWith("/refs", StringComparison.Ordinal) ? (Encoding.UTF8.GetBytes(refs), "application/json")
            : (Encoding.UTF8.GetBytes(tree), "application/json"));
        var url = new Uri(server.Url, $"bench/blob-GGUF/resolve/{Commit}/blob-Q4_K_M.gguf");
        var root = Path.Combine(Path.GetTempPath(), "agon-hub-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var agon = new List<double>();
            var curl = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                var cache = Path.Combine(root, "cache");
                var environment = new BenchEnvironment(root, new Dictionary<string, string> { ["HF_ENDPOINT"] = server.Url.ToString(), ["HF_HUB_CACHE"] = cache });
                var config = new HostConfig { Name = "local", Type = HostType.Embedded, ModelsDirs = [], Timeout = TimeSpan.FromMinutes(10) };
                var log = new NullLog();
                var clock = Stopwatch.StartNew();
                await using (var host = new EmbeddedHost(config, environment, TimeProvider.System, log, () => new HostHttpClientFactory(log, TimeProvider.System).CreateHub()))
                {
                    await host.PullAsync("bench/blob-GGUF:Q4_K_M", DownloadOptions.None, null, CancellationToken.None);
                }

                var agonSeconds = clock.Elapsed.TotalSeconds;
                Directory.Delete(cache, recursive: true);

                var file = Path.Combine(root, "curl.bin");
                clock.Restart();
                using (var process = Process.Start(new ProcessStartInfo("curl", ["-s", "-f", "-o", file, url.ToString()]) { UseShellExecute = false })!)
                {
                    await process.WaitForExitAsync();
                    if (process.ExitCode != 0)
                    {
                        Console.Error.WriteLine($"curl failed with exit code {process.ExitCode}");
                        return 1;
                    }
                }

                var curlSeconds = clock.Elapsed.TotalSeconds;
                File.Delete(file);
                if (run > 0)
                {
                    // Run 0 warms both up (JIT, page cache, connection setup).
                    agon.Add(data.Length / agonSeconds / 1e6);
                    curl.Add(data.Length / curlSeconds / 1e6);
                }
            }

            var a = Median(agon);
            var c = Median(curl);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hub pull {megabytes} MiB over loopback, median of {runs}: agon {a:F0} MB/s (sha256 checked)  curl {c:F0} MB/s  ratio {a / c:F2}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  agon runs: {string.Join(", ", agon.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}  curl runs: {string.Join(", ", curl.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class BenchEnvironment(string root, Dictionary<string, string> variables) : IAgonEnvironment
    {
        public string? GetVariable(string name) => variables.GetValueOrDefault(name);

        public string CurrentDirectory => root;

        public string HomeDirectory => root;
    }

    private sealed class NullLog : Agon.Diagnostics.IAgonLog
    {
        public string Path => "none";

        public bool IncludeBodies => false;

        public void Write(string line)
        {
        }
    }
}
