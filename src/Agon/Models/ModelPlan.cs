using Agon.Hosts;

namespace Agon.Models;

/// <summary>
/// What <c>delete models</c> and <c>sync models</c> would do: delete what a host has but is not configured for,
/// pull what it is configured for but lacks. Names are compared the host's way, so <c>foo</c> never counts as
/// different from <c>foo:latest</c>; a host with no configured models is left alone, and a host is never planned an
/// operation its <see cref="HostCapabilities"/> say it cannot do.
/// </summary>
internal sealed record ModelPlan(
    IReadOnlyList<(IModelHost Host, string Model)> Deletes,
    IReadOnlyList<(IModelHost Host, string Model)> Pulls,
    IReadOnlyList<string> Notes)
{
    public bool IsEmpty => Deletes.Count == 0 && Pulls.Count == 0;

    /// <summary>What cannot be done (a named model not on its host or not removable, a pull on a host that cannot pull), one line each.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>
    /// Deleting the named (host, model) pairs, configured or not: each must be on its host (named the host's way)
    /// and removable; the others become errors.
    /// </summary>
    public static ModelPlan ForNamed(IEnumerable<HostOutcome<HostInventory>> inventories, IEnumerable<(IModelHost Host, string Model)> named)
    {
        var lists = inventories.Where(i => !i.Failed).ToDictionary(i => i.Host, i => i.Value!);
        var deletes = new List<(IModelHost, string)>();
        var errors = new List<string>();
        foreach (var (host, name) in named)
        {
            if (!lists.TryGetValue(host, out var inventory))
            {
                continue; // the host's own error line says why
            }

            var models = inventory.Models;

            // Usually one model; the in-process host's owner/repo names every tag of the repository.
            var matching = models.Where(m => host.Matches(m, name)).ToList();
            if (matching.Count == 0)
            {
                errors.Add(HostException.NotOnHost(name, host.Name).Message);
            }

            foreach (var model in matching)
            {
                if (!inventory.Capabilities.CanDelete)
                {
                    errors.Add($"host {host.Name} cannot delete models");
                }
                else if (!model.CanRemove)
                {
                    errors.Add(model.Source is "models_dir"
                        ? HostException.FromModelsFolder(model.Id, host.Name).Message
                        : $"model {model.Id} on host {host.Name} cannot be deleted through its API ({model.Source ?? "not removable"})");
                }
                else if (!deletes.Contains((host, model.Id)))
                {
                    deletes.Add((host, model.Id));
                }
            }
        }

        return new ModelPlan(deletes, [], []) { Errors = errors };
    }

    public static ModelPlan Build(IEnumerable<HostOutcome<HostInventory>> inventories, bool delete, bool pull)
    {
        var deletes = new List<(IModelHost, string)>();
        var pulls = new List<(IModelHost, string)>();
        var notes = new List<string>();
        var errors = new List<string>();
        foreach (var inventory in inventories.Where(i => !i.Failed))
        {
            var host = inventory.Host;
            var (models, capabilities) = inventory.Value!;
            var configured = host.Config.Models;
            if (delete)
            {
                if (configured.Count == 0)
                {
                    notes.Add($"host {host.Name} has no configured models; nothing is deleted there");
                }
                else
                {
                    foreach (var model in models.Where(m => !configured.Any(c => host.Matches(m, c))))
                    {
                        if (model.CanRemove && capabilities.CanDelete)
                        {
                            deletes.Add((host, model.Id));
                        }
                        else
                        {
                            notes.Add($"kept {model.Id} on {host.Name}: the host does not allow removing it ({model.Source ?? "not removable"})");
                        }
                    }
                }
            }

            var missing = configured.Where(c => !models.Any(m => host.Matches(m, c))).ToList();
            if (pull && missing.Count > 0 && !capabilities.CanPull)
            {
                // Planning a pull the host would refuse helps nobody: say why once, plan none.
                errors.Add(capabilities.Limitation ?? $"host {host.Name} cannot pull models; not on it: {string.Join(", ", missing)}");
            }
            else if (pull)
            {
                pulls.AddRange(missing.Select(c => (host, c)));
            }
        }

        return new ModelPlan(deletes, pulls, notes) { Errors = errors };
    }
}
