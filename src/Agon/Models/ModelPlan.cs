using Agon.Hosts;

namespace Agon.Models;

/// <summary>
/// What <c>delete models</c> and <c>sync models</c> would do: delete what a host has but is not configured for,
/// pull what it is configured for but lacks. Names are compared the host's way, so <c>foo</c> never counts as
/// different from <c>foo:latest</c>; a host with no configured models is left alone.
/// </summary>
internal sealed record ModelPlan(
    IReadOnlyList<(IModelHost Host, string Model)> Deletes,
    IReadOnlyList<(IModelHost Host, string Model)> Pulls,
    IReadOnlyList<string> Notes)
{
    public bool IsEmpty => Deletes.Count == 0 && Pulls.Count == 0;

    /// <summary>Named models that cannot be deleted (not on the host, or not removable), one line each.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>
    /// Deleting the named (host, model) pairs, configured or not: each must be on its host (named the host's way)
    /// and removable; the others become errors.
    /// </summary>
    public static ModelPlan ForNamed(IEnumerable<HostOutcome<IReadOnlyList<ModelInfo>>> inventories, IEnumerable<(IModelHost Host, string Model)> named)
    {
        var lists = inventories.Where(i => !i.Failed).ToDictionary(i => i.Host, i => i.Value!);
        var deletes = new List<(IModelHost, string)>();
        var errors = new List<string>();
        foreach (var (host, name) in named)
        {
            if (!lists.TryGetValue(host, out var models))
            {
                continue; // the host's own error line says why
            }

            // Usually one model; the in-process host's owner/repo names every tag of the repository.
            var matching = models.Where(m => host.Matches(m, name)).ToList();
            if (matching.Count == 0)
            {
                errors.Add(HostException.NotOnHost(name, host.Name).Message);
            }

            foreach (var model in matching)
            {
                if (!model.CanRemove)
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

    public static ModelPlan Build(IEnumerable<HostOutcome<IReadOnlyList<ModelInfo>>> inventories, bool delete, bool pull)
    {
        var deletes = new List<(IModelHost, string)>();
        var pulls = new List<(IModelHost, string)>();
        var notes = new List<string>();
        foreach (var inventory in inventories.Where(i => !i.Failed))
        {
            var host = inventory.Host;
            var models = inventory.Value!;
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
                        if (model.CanRemove)
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

            if (pull)
            {
                pulls.AddRange(configured.Where(c => !models.Any(m => host.Matches(m, c))).Select(c => (host, c)));
            }
        }

        return new ModelPlan(deletes, pulls, notes);
    }
}
