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
                    Console.WriteWarning(warning);
                }
            }

            return _config;
        }
    }

    /// <summary>The log file named by <c>logFile</c>, or the XDG default; nothing is created until a line is written.</summary>
    public IAgonLog Log => _log ??= new FileLog(LogPath, Config.Debug, services.TimeProvider);

    /// <summary>The log path, falling back to the default when the configuration could not be read.</summary>
    public string LogPath
    {
        get
        {
            var configured = _config?.LogFile;
            return configured is null ? AgonPaths.DefaultLogFile(Environment) : AgonPaths.Resolve(Environment, configured);
        }
    }

    public HostHttpClientFactory HttpClients => new(Log, services.TimeProvider, services.PrimaryHandler);

    public HostFactory HostFactory => new(HttpClients, services.TimeProvider, services.Environment, Log);

    /// <summary>The log as it is now, for recording an unexpected failure (never throws).</summary>
    public IAgonLog FailureLog => _log ?? new FileLog(LogPath, includeBodies: false, services.TimeProvider);

    public void Dispose() => _log?.Dispose();
}
