using Agon.Configuration;
using Agon.Hosts;
using Agon.Models;

namespace Agon.Chat;

/// <summary>
/// Which (host, model) pairs a chat asks: the <c>--target</c> arguments (read by <see cref="Target.Parse"/>), or
/// the defaults, with <c>--pull</c>'s pulls of missing targets first. A front end passes how to pull and how to get
/// a host; nothing here knows which backend a host is.
/// </summary>
internal static class ChatTargets
{
    /// <summary>Each <c>--target host/model</c> argument; the host must be named and configured.</summary>
    public static List<(HostConfig Host, string Model)> Resolve(AgonConfig config, IEnumerable<string> given) =>
        given.Select(t => Target.Parse(config, t, hostRequired: true, what: "--target " + t)).Select(t => (t.Host!, t.Model)).ToList();

    /// <summary>
    /// Single: the first host's first configured model. Compare and pipeline: one per host, up to four. A host with
    /// no configured models (the built-in in-process host, say) offers the model it has that can write text, the
    /// largest first (<see cref="DefaultModel"/>); with none, <paramref name="pull"/> fetches the host's recommended one.
    /// </summary>
    public static async Task<List<(HostConfig Host, string Model)>> DefaultsAsync(
        AgonConfig config, ChatMode mode, Func<HostConfig, IModelHost> hostFor, Func<IModelHost, string, Task<string>>? pull, CancellationToken cancellationToken)
    {
        var targets = new List<(HostConfig, string)>();
        foreach (var hostConfig in config.Hosts.Take(mode == ChatMode.Single ? 1 : ChatEngine.MaxTargets))
        {
            if (hostConfig.Models.Count > 0)
            {
                targets.Add((hostConfig, hostConfig.Models[0]));
                continue;
            }

            var host = hostFor(hostConfig);
            var models = await host.ListModelsAsync(cancellationToken);
            if (DefaultModel.Pick(models) is { } pick)
            {
                targets.Add((hostConfig, pick.Id));
            }
            else if (pull is not null && host.RecommendedModel is { } recommended)
            {
                targets.Add((hostConfig, await pull(host, recommended)));
            }
            else if (mode == ChatMode.Single)
            {
                throw new AgonException(host.NoModelsHint(models.Count == 0 ? "" : $" ({Unusable(models)})"));
            }
        }

        return targets;
    }

    /// <summary><c>--pull</c>: targets on hosts that pull for a chat and lack them are pulled first (and then named as they list).</summary>
    public static async Task<List<(HostConfig Host, string Model)>> PullMissingAsync(
        List<(HostConfig Host, string Model)> targets, Func<HostConfig, IModelHost> hostFor, Func<IModelHost, string, Task<string>> pull, CancellationToken cancellationToken)
    {
        var result = new List<(HostConfig, string)>();
        foreach (var (config, model) in targets)
        {
            var host = hostFor(config);
            var missing = (await host.GetCapabilitiesAsync(cancellationToken)).PullsForChat
                && !(await host.ListModelsAsync(cancellationToken)).Any(m => string.Equals(m.Id, model, StringComparison.OrdinalIgnoreCase));
            result.Add((config, missing ? await pull(host, model) : model));
        }

        return result;
    }

    /// <summary>Why the models found cannot chat: "toy-bert only embeds; broken failed: broken.gguf is not a GGUF file".</summary>
    private static string Unusable(IReadOnlyList<ModelInfo> models) =>
        string.Join("; ", models.Take(4).Select(m => m.Status == ModelStatus.Failed
            ? $"{m.Id} failed{(m.Reason is { } reason ? ": " + reason : "")}"
            : $"{m.Id} only embeds")) + (models.Count > 4 ? "; …" : "");
}
