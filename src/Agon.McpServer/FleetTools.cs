using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Agon.McpServer;

/// <summary>
/// Read-only fleet tools: <c>list_hosts</c>, <c>list_models</c>, <c>list_running</c>. They reuse Agon's own code by
/// running the <c>agon</c> executable (<see cref="AgonExecutable"/>) with <c>--json</c> and handing its JSON on, so the
/// answer is what <c>agon list … --json</c> prints for the same configuration (found from the server's working
/// directory and home, as agon finds it).
/// </summary>
[McpServerToolType]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the MCP server through dependency injection (WithTools<T>)")]
internal sealed class FleetTools(AgonExecutable agon)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [McpServerTool(Name = "list_hosts", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Every configured model host: type, url, whether it is reachable, mode, version, models it can hold.")]
    public Task<string> ListHosts(CancellationToken cancellationToken) => RunAsync(["list", "hosts", "--json"], cancellationToken);

    [McpServerTool(Name = "list_models", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The models of every host (or of one host): name, size, whether loaded.")]
    public Task<string> ListModels([Description("Only this host's models (a configured host name); empty for all hosts")] string? host = null, CancellationToken cancellationToken = default) =>
        RunAsync(string.IsNullOrWhiteSpace(host) ? ["list", "models", "--json"] : ["list", "models", "--json", "--host", host.Trim()], cancellationToken);

    [McpServerTool(Name = "list_running", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The models loaded right now on every host.")]
    public Task<string> ListRunning(CancellationToken cancellationToken) => RunAsync(["list", "running", "--json"], cancellationToken);

    private async Task<string> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(agon.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new McpException($"agon could not be started ({agon.Path}): {ex.Message}");
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var json = (await stdout).Trim();
            if (json.StartsWith('[') || json.StartsWith('{'))
            {
                // A host that failed is a row of the JSON (agon exits non-zero then): the model reads it there.
                return json;
            }

            var reason = (await stderr).ReplaceLineEndings(" ").Trim();
            throw new McpException($"agon {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {(reason.Length > 300 ? reason[..300] + "…" : reason)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new McpException($"agon {string.Join(' ', arguments)} did not finish within {s_timeout.TotalSeconds:0} s");
        }
    }
}
