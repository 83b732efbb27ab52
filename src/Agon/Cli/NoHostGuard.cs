using Agon.Configuration;

namespace Agon.Cli;

/// <summary>Stops a command that needs a server when only the built-in in-process host exists, which is not available yet.</summary>
internal static class NoHostGuard
{
    public static void EnsureServerHost(AgonConfig config)
    {
        if (config.Hosts.All(h => h.Type == HostType.Embedded))
        {
            var where = config.FilePath is null
                ? "create config/config.json (or ~/.config/agon/config.json)"
                : $"edit {config.FilePath}";
            throw new AgonException(
                $"no host is configured (the in-process engine is not available yet): {where} with a host such as {{\"name\":\"gpu\",\"type\":\"llama.cpp\",\"url\":\"http://127.0.0.1:8080\"}}; see config/examples/",
                ExitCodes.Usage);
        }
    }
}
