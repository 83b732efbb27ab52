using System.Globalization;
using Agon.Configuration;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon list hosts</c>: every host, whether it answers, what it is.</summary>
internal sealed class ListHostsCommand() : FleetCommand("hosts", "Every configured host: type, url, reachability, mode, version")
{
    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var outcomes = await fleet.ForEachAsync((host, ct) => host.GetInfoAsync(ct), cancellationToken);
        var rows = outcomes.Select(o => new HostRow
        {
            Host = o.Host.Name,
            Type = HostTypeNames.ToName(o.Host.Config.Type),
            Url = o.Host.Config.Url?.ToString(),
            Reachable = !o.Failed,
            Mode = o.Value?.Mode,
            Version = o.Value?.Version,
            ModelsMax = o.Value?.Capabilities.MaxLoadedModels,
            Autoload = o.Value?.Capabilities.Autoload,
            RoundTripMs = o.Value is { } info ? Math.Round(info.RoundTrip.TotalMilliseconds, 1) : null,
            Error = o.Error,
        }).Concat(fleet.Unavailable.Select(u => new HostRow
        {
            Host = u.Host.Name,
            Type = HostTypeNames.ToName(u.Host.Type),
            Url = u.Host.Url?.ToString(),
            Error = u.Error,
        })).ToList();
        var exitCode = ReportErrors(context, outcomes);
        if (Json(context))
        {
            WriteJson(context, rows, ModelsJsonContext.Default.ListHostRow);
            return exitCode;
        }

        context.Console.WriteLine(TextTable.Render(
            ["HOST", "TYPE", "URL", "REACHABLE", "MODE", "VERSION", "MODELS-MAX", "AUTOLOAD", "RTT"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                r.Host, r.Type, r.Url ?? "-", r.Reachable ? "yes" : "no", r.Mode ?? "-", r.Version ?? "-",
                r.ModelsMax?.ToString(CultureInfo.InvariantCulture) ?? "-",
                r.Autoload is { } a ? (a ? "on" : "off") : "-",
                r.RoundTripMs is { } ms ? Figures.Whole(ms) + " ms" : "-",
            ])));
        return exitCode;
    }
}
