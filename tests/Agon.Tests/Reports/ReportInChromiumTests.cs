using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Agon.Tests.Reports;

/// <summary>
/// Opens the report in headless Chromium (installed by <c>.ci/run</c>; skipped when absent) with every request
/// routed to a local proxy that only records: the page must render, run its script without console errors, and
/// ask for nothing. A deliberately bad page shows the harness sees both kinds of failure.
/// </summary>
public sealed class ReportInChromiumTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Report_RendersWithoutConsoleErrors_AndMakesNoNetworkRequest()
    {
        var chromium = FindChromium() ?? SkipMissing();
        using var env = new FakeEnvironment();
        var db = ReportSeed.Create(env);
        var report = Path.Combine(env.Root, "report.html");
        var result = await AgonRunner.RunAsync(env, $"analyze metrics --db {db} --html-output {report}");
        Assert.True(result.ExitCode == 0, result.ToString());

        var (dom, console, requests) = await OpenAsync(chromium, env, report);

        Assert.Contains("data-ready=\"true\"", dom);
        Assert.Contains("<svg class=\"chart\" id=\"generation\"", dom);
        Assert.True(console.Count == 0, "console: " + string.Join("\n", console));
        Assert.True(requests.Count == 0, "requests: " + string.Join("\n", requests));
    }

    [Fact]
    public async Task Harness_SeesConsoleErrorsAndRequests()
    {
        var chromium = FindChromium() ?? SkipMissing();
        using var env = new FakeEnvironment();
        var bad = env.WriteFile("bad.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/></head><body><img src=\"http://example.invalid/x.png\"/><script>noSuchFunction();</script></body></html>");

        var (_, console, requests) = await OpenAsync(chromium, env, bad);

        Assert.Contains(console, line => line.Contains("noSuchFunction", StringComparison.Ordinal));
        Assert.Contains(requests, line => line.Contains("example.invalid", StringComparison.Ordinal));
    }

    private static string SkipMissing()
    {
        Assert.Skip("chromium is not installed (.ci/run installs it with apt-get); the report's offline and XML checks still run");
        return "";
    }

    private static async Task<(string Dom, List<string> Console, List<string> Requests)> OpenAsync(string chromium, FakeEnvironment env, string page)
    {
        using var proxy = new RecordingProxy();
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-pings",
            "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--disable-features=Translate,OptimizationHints,MediaRouter,NetworkTimeServiceQuerying,AutofillServerCommunication",
            $"--user-data-dir={Path.Combine(env.Root, "chromium-profile")}",
            $"--proxy-server=127.0.0.1:{proxy.Port}", "--proxy-bypass-list=<-loopback>",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--dump-dom",
            new Uri(page).AbsoluteUri,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var console = (await stderr).Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        return (await stdout, console, proxy.Requests.Where(r => !IsBrowserService(r)).ToList());
    }

    /// <summary>
    /// Chromium's own housekeeping (network time, component updates, sign-in) goes through the proxy too, whatever
    /// the flags; those exact service hosts are not the page's requests. Font and script CDNs are not on this list.
    /// </summary>
    private static bool IsBrowserService(string requestLine)
    {
        string[] services = ["clients2.google.com", "update.googleapis.com", "accounts.google.com", "clientservices.googleapis.com",
            "safebrowsing.googleapis.com", "optimizationguide-pa.googleapis.com", "content-autofill.googleapis.com", "redirector.gvt1.com", "edgedl.me.gvt1.com"];
        var parts = requestLine.Split(' ');
        if (parts.Length < 2)
        {
            return false;
        }

        var target = parts[1];
        var host = Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host : target.Split(':')[0];
        return services.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    private static string? FindChromium()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "headless_shell" })
        {
            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Accepts any connection the browser makes, records its first line, and answers nothing useful.</summary>
    private sealed class RecordingProxy : LoopbackTcpServer
    {
        private readonly Lock _gate = new();
        private readonly List<string> _requests = [];

        public RecordingProxy() => Start();

        public List<string> Requests
        {
            get
            {
                lock (_gate)
                {
                    return [.. _requests];
                }
            }
        }

        protected override async Task ServeAsync(TcpClient client)
        {
            try
            {
                var buffer = new byte[4096];
                var stream = client.GetStream();
                var read = await stream.ReadAsync(buffer, Stopping);
                var line = Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0].Trim();
                lock (_gate)
                {
                    _requests.Add(line.Length > 0 ? line : "(a connection)");
                }

                await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), Stopping);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                lock (_gate)
                {
                    _requests.Add("(a connection)");
                }
            }
        }
    }
}
