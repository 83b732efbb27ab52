using Agon.Hosts;

namespace Agon.Models;

/// <summary>
/// Turns the MODEL arguments of a fleet command into (host, model) pairs. An argument is <c>host/model</c> when
/// its part before the first <c>/</c> names a host (model ids such as <c>owner/repo:Q4_K_M</c> contain one too);
/// a plain model goes to the hosts given with <c>--host</c>, else to the hosts that have it configured.
/// </summary>
internal static class ModelTargets
{
    public static List<(IModelHost Host, string Model)> Resolve(Fleet fleet, IReadOnlyList<string> arguments, bool hostsGiven)
    {
        var targets = new List<(IModelHost, string)>();
        foreach (var argument in arguments)
        {
            var slash = argument.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && fleet.Config.FindHost(argument[..slash]) is { } named)
            {
                var host = fleet.Hosts.FirstOrDefault(h => h.Config == named)
                    ?? throw AgonException.Usage($"host {named.Name} is not among the selected hosts ({string.Join(", ", fleet.Hosts.Select(h => h.Name))})");
                targets.Add((host, argument[(slash + 1)..]));
                continue;
            }

            var hosts = hostsGiven
                ? fleet.Hosts.ToList()
                : fleet.Hosts.Where(h => h.Config.Models.Any(c => h.Matches(new ModelInfo { Id = c, Status = ModelStatus.Available }, argument))).ToList();
            if (hosts.Count == 0)
            {
                throw AgonException.Usage($"model {argument} is not configured on any host; name the host with --host H or write H/{argument}");
            }

            targets.AddRange(hosts.Select(h => (h, argument)));
        }

        return targets.Distinct().ToList();
    }
}
