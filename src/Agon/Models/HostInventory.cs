using Agon.Hosts;

namespace Agon.Models;

/// <summary>What one host has and what it can do with it: the input of a <see cref="ModelPlan"/>.</summary>
internal sealed record HostInventory(IReadOnlyList<ModelInfo> Models, HostCapabilities Capabilities)
{
    /// <summary>Lists the host's models and asks its capabilities (detection is shared with the listing).</summary>
    public static async Task<HostInventory> ReadAsync(IModelHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var models = await host.ListModelsAsync(cancellationToken);
        return new HostInventory(models, await host.GetCapabilitiesAsync(cancellationToken));
    }
}
