using Agon.Hosts;

namespace Agon.Models;

/// <summary>
/// Turns the MODEL arguments of a fleet command into (host, model) pairs, each read by <see cref="Target.Parse"/>;
/// a plain model goes to the hosts given with <c>--host</c>, else to the hosts that have it configured.
/// </summary>
internal static class ModelTargets
{
    public static List<(IModelHost Host, string Model)> Resolve(Fleet fleet, IReadOnlyList<string> arguments, bool hostsGiven)
    {
        var targets = new List<(IModelHost, string)>();
        foreach (var argument in arguments)
        {
            if (Target.Parse(fleet.Config, argument) is { Host: { } named } target)
            {
                var host = fleet.Hosts.FirstOrDefault(h => h.Config == named)
                    ?? throw AgonException.Usage($"host {named.Name} is not among the selected hosts ({string.Join(", ", fleet.Hosts.Select(h => h.Name))})");
                targets.Add((host, target.Model));
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
