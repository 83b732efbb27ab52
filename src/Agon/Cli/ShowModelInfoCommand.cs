using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon show modelinfo MODEL</c>: what each host that has the model says about it.</summary>
internal sealed class ShowModelInfoCommand : FleetCommand
{
    private readonly Argument<string> _model = new("MODEL") { Description = "The model (or host/model)" };

    public ShowModelInfoCommand()
        : base("modelinfo", "Details of one model: parameters, template, context length", json: true, "modelInfo")
    {
        Arguments.Add(_model);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var argument = context.ParseResult.GetValue(_model)!;
        var hostsGiven = (context.ParseResult.GetValue(HostOption) ?? []).Length > 0;
        List<(IModelHost Host, string Model)> targets;
        try
        {
            targets = ModelTargets.Resolve(fleet, [argument], hostsGiven);
        }
        catch (AgonException) when (!hostsGiven)
        {
            targets = fleet.Hosts.Select(h => (h, argument)).ToList();
        }

        var outcomes = await Task.WhenAll(targets.Select(async t =>
        {
            try
            {
                return (t.Host, Details: await t.Host.DescribeAsync(t.Model, cancellationToken), Error: (string?)null);
            }
            catch (AgonException ex)
            {
                return (t.Host, Details: (ModelDetails?)null, Error: ex.Message);
            }
        }));
        var found = outcomes.Where(o => o.Details is not null).ToList();
        if (found.Count == 0)
        {
            foreach (var outcome in outcomes)
            {
                context.Console.WriteError(outcome.Error!);
            }

            return ExitCodes.Failed;
        }

        if (hostsGiven || targets.Count == 1)
        {
            foreach (var outcome in outcomes.Where(o => o.Error is not null))
            {
                context.Console.WriteError(outcome.Error!);
            }
        }

        if (Json(context))
        {
            List<ModelDetailsRow> rows = [.. found.Select(f => ModelDetailsRow.From(f.Host.Name, f.Details!))];
            context.Console.WriteData(JsonText.Write(w => JsonSerializer.Serialize(w, rows, ModelsJsonContext.Default.ListModelDetailsRow)));
        }
        else
        {
            foreach (var (host, details, _) in found)
            {
                WriteText(context.Console, host.Name, details!);
            }
        }

        return found.Count == outcomes.Length || !hostsGiven ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void WriteText(IAgonConsole console, string host, ModelDetails details)
    {
        var m = details.Model;
        console.WriteLine($"{host}/{m.Id}", TextStyle.Bold);
        console.WriteLine($"  status:        {(m.ExitCode is { } code ? $"{m.Status} (exit {code})" : m.Status)}");
        Line(console, "family", m.Family ?? details.Architecture);
        Line(console, "parameters", m.ParameterSize ?? m.ParameterCount?.ToString("N0", CultureInfo.InvariantCulture));
        Line(console, "quantization", m.Quantization);
        Line(console, "size", m.SizeBytes is { } size ? Figures.Bytes(size) : null);
        Line(console, "context", m.ContextLength?.ToString(CultureInfo.InvariantCulture));
        Line(console, "trained ctx", m.TrainingContextLength?.ToString(CultureInfo.InvariantCulture));
        Line(console, "source", m.Source);
        Line(console, "capabilities", details.Capabilities.Count > 0 ? string.Join(", ", details.Capabilities) : null);
        if (details.Parameters.Count > 0)
        {
            console.WriteLine("  settings:");
            foreach (var (key, value) in details.Parameters)
            {
                console.WriteLine($"    {key} = {value}");
            }
        }

        if (details.Template is { Length: > 0 } template)
        {
            console.WriteLine("  template:");
            foreach (var line in template.Split('\n').Take(12))
            {
                console.WriteLine("    " + line);
            }
        }
    }

    private static void Line(IAgonConsole console, string label, string? value)
    {
        if (value is not null)
        {
            console.WriteLine($"  {(label + ":").PadRight(15)}{value}");
        }
    }
}
