using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon list modelparameters</c>: each model's default sampling settings, one line per (host, model).</summary>
internal sealed class ListModelParametersCommand() : FleetCommand("modelparameters", "Default sampling parameters of each model", json: true, "modelParameters")
{
    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var outcomes = await fleet.ForEachAsync<IReadOnlyList<ModelDetails>>(async (host, ct) =>
        {
            var details = new List<ModelDetails>();
            foreach (var model in await host.ListModelsAsync(ct))
            {
                details.Add(await host.DescribeAsync(model.Id, ct));
            }

            return details;
        }, cancellationToken);
        var exitCode = ReportErrors(context, outcomes);
        var rows = outcomes.Where(o => !o.Failed).SelectMany(o => o.Value!.Select(d => (Host: o.Host.Name, Details: d))).ToList();
        if (Json(context))
        {
            context.Console.WriteData(JsonText.Write(w =>
            {
                w.WriteStartArray();
                foreach (var (host, details) in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("host", host);
                    w.WriteString("model", details.Model.Id);
                    w.WriteStartObject("parameters");
                    foreach (var (key, value) in details.Parameters)
                    {
                        w.WriteString(key, value);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
            return exitCode;
        }

        if (rows.Count > 0)
        {
            context.Console.WriteLine(TextTable.Render(["HOST", "MODEL", "PARAMETERS"],
                rows.Select(r => (IReadOnlyList<string>)[r.Host, r.Details.Model.Id,
                    r.Details.Parameters.Count == 0 ? "-" : string.Join(", ", r.Details.Parameters.Select(p => $"{p.Key}={p.Value}"))])));
        }

        return exitCode;
    }
}
