using System.Globalization;
using Agon.Hosts;

namespace Agon.Models;

/// <summary>What the hosts of a <c>load models</c> say about holding the models asked of them, from their capabilities.</summary>
internal static class LoadLimits
{
    /// <summary>
    /// Asks each target's host for its capabilities (a host that does not answer fails later, per target) and refuses,
    /// before anything loads, more models on one host than it holds at once: a router would only evict the earlier ones.
    /// </summary>
    public static async Task<IReadOnlyList<HostOutcome<HostCapabilities>>> CheckAsync(
        Fleet fleet, IReadOnlyList<(IModelHost Host, string Model)> targets, CancellationToken cancellationToken)
    {
        var outcomes = await fleet.ForEachAsync(targets.Select(t => t.Host), (host, ct) => host.GetCapabilitiesAsync(ct), cancellationToken);
        foreach (var outcome in outcomes)
        {
            var models = targets.Where(t => t.Host == outcome.Host).Select(t => t.Model).Distinct().ToList();
            if (outcome.Value?.MaxLoadedModels is { } max && models.Count > max)
            {
                throw AgonException.Usage(string.Create(CultureInfo.InvariantCulture,
                    $"host {outcome.Host.Name} holds at most {max} model{(max == 1 ? "" : "s")} at once (models-max {max}) but {models.Count} were asked for: {string.Join(", ", models)}"));
            }
        }

        return outcomes;
    }
}
