using System.CommandLine;
using Agon.Models;
using Agon.Rag;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// <c>agon embed TEXT…</c> (or stdin, one text per line): vectors from any host and model as one JSON document or
/// NDJSON, one line per text. The target defaults to <c>ragEmbeddingHost</c>/<c>ragEmbeddingModel</c>.
/// </summary>
internal sealed class EmbedCommand : AgonCommand
{
    private readonly Argument<string[]> _texts = new("TEXT") { Description = "Texts to embed, one vector each (default: stdin, one text per line)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> _target = new("--target", "-t") { Description = "host/model that embeds (default: ragEmbeddingHost/ragEmbeddingModel)", HelpName = "host/model" };
    private readonly Option<string> _output = ChoiceOption.Create("--output", "-o", "json (default: one document) or ndjson (one line per text)", "json", "ndjson");

    public EmbedCommand()
        : base("embed", "Print embedding vectors for texts from any host and model (JSON or NDJSON)")
    {
        Arguments.Add(_texts);
        Options.Add(_target);
        Options.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var console = context.Console;
        console.UseJsonOutput();
        var texts = (parse.GetValue(_texts) ?? []).ToList();
        if (texts.Count == 0)
        {
            texts = [.. (console.ReadRedirectedInput() ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];
        }

        if (texts.Count == 0)
        {
            throw AgonException.Usage("nothing to embed: give TEXT arguments or lines on stdin (echo \"…\" | agon embed)");
        }

        var config = context.Config;
        var (host, model) = parse.GetValue(_target) is { } given ? Given(config, given) : DefaultTarget(config);
        await using var embedder = new RagEmbedder(context.HostFactory, host, model);
        var vectors = await embedder.EmbedAsync(texts, cancellationToken);
        var rows = texts.Select((text, i) => new EmbeddingJson { Index = i, Text = text, Dimensions = vectors[i].Length, Vector = vectors[i] }).ToList();
        if (parse.GetValue(_output) == "ndjson")
        {
            foreach (var row in rows)
            {
                console.WriteData(JsonText.Line(row with { Host = host.Name, Model = model }, RagJsonContext.Default.EmbeddingJson));
            }
        }
        else
        {
            console.WriteData(JsonText.Serialize(new EmbeddingsDocument(host.Name, model, vectors[0].Length, rows), RagJsonContext.Default.EmbeddingsDocument));
        }

        return ExitCodes.Success;
    }

    private static (Configuration.HostConfig Host, string Model) Given(Configuration.AgonConfig config, string text)
    {
        var target = Target.Parse(config, text, hostRequired: true, what: $"--target {text}");
        return (target.Host!, target.Model);
    }

    private static (Configuration.HostConfig Host, string Model) DefaultTarget(Configuration.AgonConfig config)
    {
        var rag = config.Rag;
        if (string.IsNullOrWhiteSpace(rag.EmbeddingHost) || string.IsNullOrWhiteSpace(rag.EmbeddingModel))
        {
            throw AgonException.Usage("no embedding model: give --target host/model, or set ragEmbeddingHost and ragEmbeddingModel in the configuration");
        }

        var host = config.FindHost(rag.EmbeddingHost)
            ?? throw AgonException.Usage($"ragEmbeddingHost: no host named '{rag.EmbeddingHost}' (configured: {string.Join(", ", config.Hosts.Select(h => h.Name))})");
        return (host, rag.EmbeddingModel.Trim());
    }
}
