using Agon.Hosts;

namespace Agon.Models;

/// <summary>What the fleet holds: every (host, model) with its status, configured models that are missing included.</summary>
internal static class FleetInventory
{
    public static async Task<IReadOnlyList<HostOutcome<IReadOnlyList<ModelRow>>>> ListAsync(Fleet fleet, CancellationToken cancellationToken) =>
        await fleet.ForEachAsync<IReadOnlyList<ModelRow>>(async (host, ct) => Rows(host, await host.ListModelsAsync(ct)), cancellationToken);

    public static List<ModelRow> Rows(IModelHost host, IReadOnlyList<ModelInfo> models)
    {
        var configured = host.Config.Models;
        var rows = models.Select(m => new ModelRow
        {
            Host = host.Name,
            Model = m.Id,
            Status = m.Status,
            Configured = configured.Any(c => host.Matches(m, c)),
            SizeBytes = m.SizeBytes,
            Quantization = m.Quantization,
            ParameterSize = m.ParameterSize,
            Family = m.Family,
            ContextLength = m.ContextLength,
            Capabilities = m.Capabilities,
            ExitCode = m.ExitCode,
            Error = m.Reason,
            Source = m.Source,
            ExpiresAt = m.ExpiresAt,
            SizeVram = m.SizeVram,
            LoadedSizeBytes = m.LoadedSizeBytes,
        }).ToList();
        foreach (var name in configured)
        {
            if (!models.Any(m => host.Matches(m, name)))
            {
                rows.Add(new ModelRow { Host = host.Name, Model = name, Status = ModelStatus.Missing, Configured = true });
            }
        }

        return rows;
    }
}
