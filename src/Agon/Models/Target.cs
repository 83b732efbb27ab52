using Agon.Configuration;

namespace Agon.Models;

/// <summary>
/// A model argument as written: <c>host/model</c> when the part before the first <c>/</c> names a configured host
/// (model ids such as <c>owner/repo:Q4_K_M</c> contain a <c>/</c> too), else a plain model and no host. The one
/// parser for every command's model arguments.
/// </summary>
internal readonly record struct Target(HostConfig? Host, string Model)
{
    /// <summary>
    /// Reads <paramref name="text"/>. With <paramref name="hostRequired"/> (chat's <c>--target</c>) the host part
    /// must be there and name a configured host; each refusal is a usage error that starts with
    /// <paramref name="what"/> (<c>--target x</c>).
    /// </summary>
    public static Target Parse(AgonConfig config, string text, bool hostRequired = false, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!hostRequired)
        {
            return slash > 0 && config.FindHost(text[..slash]) is { } named ? new Target(named, text[(slash + 1)..]) : new Target(null, text);
        }

        what ??= text;
        if (slash <= 0 || slash == text.Length - 1)
        {
            var first = config.Hosts[0];
            throw AgonException.Usage($"{what}: expected host/model (for example {first.Name}/{(first.Models.Count > 0 ? first.Models[0] : "model")})");
        }

        var host = config.FindHost(text[..slash])
            ?? throw AgonException.Usage($"{what}: unknown host '{text[..slash]}' (configured: {string.Join(", ", config.Hosts.Select(h => h.Name))})");
        return new Target(host, text[(slash + 1)..]);
    }
}
