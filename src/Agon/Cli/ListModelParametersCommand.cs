using System.CommandLine;
using System.Text.Json;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// <c>agon list modelparameters</c>: per (host, model), the sampling parameters a chat sends — the host's
/// <c>parameters</c> and any <c>--param</c>, each with its source — beside the defaults the model itself states
/// (Ollama Modelfile, llama.cpp settings or preset). GGUF hyperparameters (dotted metadata keys such as
/// <c>llama.block_count</c>) are not sampling settings: <c>show modelinfo</c> shows them.
/// </summary>
internal sealed class ListModelParametersCommand : FleetCommand
{
    private readonly Option<string[]> _params = new("--param")
    {
        Description = "Also show a chat's --param key=value (repeatable)",
        HelpName = "key=value",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public ListModelParametersCommand()
        : base("modelparameters", "Sampling parameters Agon sends to each model (and where they come from), beside the model's own defaults", json: true, "modelParameters")
    {
        Options.Add(_params);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var flags = ChatParameters.ParseFlags(context.ParseResult.GetValue(_params) ?? []);
        var sends = fleet.Hosts.ToDictionary(h => h, h => Sends(h.Config, flags));
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
        var rows = outcomes.Where(o => !o.Failed)
            .SelectMany(o => o.Value!.Select(d => (Host: o.Host.Name, Model: d.Model.Id, Sends: sends[o.Host], Defaults: Defaults(d))))
            .ToList();
        if (Json(context))
        {
            var json = rows.Select(r => new ModelParametersRow(
                r.Host,
                r.Model,
                r.Sends.ToDictionary(p => p.Key, p => new SentParameter(new RawJson(p.Json), p.Source), StringComparer.Ordinal),
                r.Defaults.ToDictionary(StringComparer.Ordinal))).ToList();
            context.Console.WriteData(JsonText.Write(w => JsonSerializer.Serialize(w, json, ModelsJsonContext.Default.ListModelParametersRow)));
            return exitCode;
        }

        if (rows.Count > 0)
        {
            context.Console.WriteLine(TextTable.Render(["HOST", "MODEL", "PARAMETER", "AGON SENDS", "SOURCE", "MODEL DEFAULT"], rows.SelectMany(Lines)));
        }

        return exitCode;
    }

    /// <summary>One line per parameter: what Agon sends first, then the defaults it leaves to the model.</summary>
    private static IEnumerable<IReadOnlyList<string>> Lines((string Host, string Model, List<(string Key, string Json, string Source)> Sends, List<KeyValuePair<string, string>> Defaults) row)
    {
        var defaults = row.Defaults.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        var any = false;
        foreach (var (key, json, source) in row.Sends)
        {
            any = true;
            yield return [row.Host, row.Model, key, Display(json), source, defaults.GetValueOrDefault(key, "-")];
        }

        foreach (var (key, value) in row.Defaults.Where(d => !row.Sends.Any(s => s.Key == d.Key)))
        {
            any = true;
            yield return [row.Host, row.Model, key, "-", "-", value];
        }

        if (!any)
        {
            yield return [row.Host, row.Model, "-", "-", "-", "-"];
        }
    }

    /// <summary>The host's parameters with the flags applied, as sent (secrets masked), each with where it came from.</summary>
    private static List<(string Key, string Json, string Source)> Sends(HostConfig host, Dictionary<string, JsonElement> flags)
    {
        var merged = ChatParameters.Merge(host.Parameters, flags);
        var lengthFlag = SamplingParameters.MaxTokens.Spellings.Any(flags.ContainsKey);
        return ParameterValues.Of(merged)
            .Select(p => (p.Key, p.Json, flags.ContainsKey(p.Key) || (p.Key == SamplingParameters.MaxTokens.Key && lengthFlag) ? "--param" : "config"))
            .ToList();
    }

    /// <summary>
    /// The model's own sampling defaults, a repeated key (Ollama's several <c>stop</c>s) as one comma-separated
    /// value; dotted keys are GGUF metadata, which <c>show modelinfo</c> shows.
    /// </summary>
    private static List<KeyValuePair<string, string>> Defaults(ModelDetails details) =>
        (details.SamplingDefaults ?? details.Parameters).Where(p => !p.Key.Contains('.', StringComparison.Ordinal))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, string>(g.Key, string.Join(", ", g.Select(p => p.Value))))
            .ToList();

    private static string Display(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString()! : json;
    }
}
