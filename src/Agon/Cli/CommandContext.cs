using System.CommandLine;
using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Hosts;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// What one command invocation works with: the parsed command line, the console, and — loaded on first use,
/// so commands that need none never fail on a broken file — the configuration, the log and host clients.
/// </summary>
internal sealed class CommandContext(AgonServices services, ParseResult parseResult, GlobalOptions globalOptions) : IDisposable
{
    private AgonConfig? _config;
    private FileLog? _log;
    private bool _logProblemShown;

    public ParseResult ParseResult { get; } = parseResult;

    public IAgonConsole Console => services.Console;

    public IAgonEnvironment Environment => services.Environment;

    public TimeProvider TimeProvider => services.TimeProvider;

    /// <summary>The effective configuration; loading it prints its warnings on stderr once.</summary>
    public AgonConfig Config
    {
        get
        {
            if (_config is null)
            {
                _config = new ConfigLoader(services.Environment).Load(globalOptions.Read(ParseResult));
                foreach (var warning in _config.Warnings)
                {
                    Console.WriteWarning(Diagnostics.SecretRedactor.Redact(warning));
                }
            }

            return _config;
        }
    }

    /// <summary>The log file named by <c>logFile</c>, or the XDG default; nothing is created until a line is written.</summary>
    public IAgonLog Log => _log ??= CreateLog(Config.Debug);

    /// <summary>The log path, falling back to the default when the configuration could not be read.</summary>
    public string LogPath => _config?.LogFile is { } configured ? AgonPaths.Resolve(Environment, configured) : AgonPaths.DefaultLogFile(Environment);

    public HostHttpClientFactory HttpClients => new(Log, services.TimeProvider, services.PrimaryHandler);

    /// <summary>Transports tests put in place of MCP server processes (null: start the configured ones).</summary>
    public Func<McpServerConfig, ModelContextProtocol.Client.IClientTransport?>? McpTransports => services.McpTransports;

    public HostFactory HostFactory => new(HttpClients, services.TimeProvider, services.Environment, Log);

    /// <summary>The log as it is now, for recording an unexpected failure (never throws, even with a broken configuration).</summary>
    public FileLog FailureLog => _log ??= CreateLog(includeBodies: false);

    /// <summary>
    /// Closes the log; if it could not be written at some point, says so once on stderr. The command's output and
    /// exit code stay as they are.
    /// </summary>
    public void CloseLog()
    {
        if (_log is null)
        {
            return;
        }

        _log.Dispose();
        if (_log.Problem is { } problem && !_logProblemShown)
        {
            _logProblemShown = true;
            Console.WriteWarning(problem);
        }
    }

    public void Dispose() => _log?.Dispose();

    private FileLog CreateLog(bool includeBodies) =>
        new(LogPath, includeBodies, services.TimeProvider, createFolder: _config?.LogFile is null);
}
