using Agon.Cli;
using Agon.Configuration;
using Agon.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.TestServices;

/// <summary>Runs the real command line in-process against a fake environment, capturing stdout and stderr.</summary>
internal static class AgonRunner
{
    /// <summary>The time a run sees unless a test passes its own clock.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static async Task<CliResult> RunAsync(
        FakeEnvironment environment,
        string commandLine,
        Func<HostConfig, HttpMessageHandler>? handler = null,
        string? stdin = null,
        bool interactive = false,
        TimeProvider? timeProvider = null)
    {
        return await RunArgsAsync(environment, Split(commandLine), handler, TestContext.Current.CancellationToken, stdin, interactive, timeProvider);
    }

    public static async Task<CliResult> RunArgsAsync(
        FakeEnvironment environment,
        IReadOnlyList<string> args,
        Func<HostConfig, HttpMessageHandler>? handler,
        CancellationToken cancellationToken,
        string? stdin = null,
        bool interactive = false,
        TimeProvider? timeProvider = null,
        ConsoleCapabilities? capabilities = null,
        Func<McpServerConfig, ModelContextProtocol.Client.IClientTransport?>? mcpTransports = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = stdin is null ? null : new StringReader(stdin);
        var console = new AgonConsole(stdout, stderr, (capabilities ?? ConsoleCapabilities.Plain) with { InputRedirected = stdin is not null && !interactive, InteractiveInput = interactive }, input);
        var services = new AgonServices(console, environment, timeProvider ?? new FakeTimeProvider(Now), handler, mcpTransports);
        var exitCode = await new AgonApp(services).RunAsync(args, cancellationToken);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Splits on spaces, keeping double-quoted parts together.</summary>
    public static IReadOnlyList<string> Split(string commandLine)
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    args.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}
