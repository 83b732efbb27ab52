using System.CommandLine;
using Agon.Accuracy;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Models;
using Agon.Storage;
using Agon.Terminal;
using Microsoft.Extensions.AI;

namespace Agon.Cli;

/// <summary>
/// <c>agon accuracy [SUITE]</c>: asks every test of agon's prompt file (or its superset with <c>assert</c> lists) of
/// each target, scores the answers, writes one JSONL line per answer to <c>accuracy/results/&lt;model&gt;.jsonl</c>
/// and the database as it goes, and prints a summary per target.
/// </summary>
internal sealed class AccuracyCommand : AgonCommand
{
    public const string DefaultSuite = "accuracy/accuracy_prompts.json";

    private const string MissingDefault = "name a suite (agon accuracy FILE); config/examples/accuracy/accuracy_prompts.json in Agon's repository is one to start from";

    public const string DefaultResults = "accuracy/results";

    private readonly Argument<string> _suite = new("SUITE") { Description = $"The suite file (default {DefaultSuite})", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string[]> _targets = new("--target", "-t") { Description = "host/model to test (repeatable; default: as chat chooses)", HelpName = "host/model", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<int?> _runs = WholeNumberOption.Create("--runs", "Times each test is asked (default 1); more than one samples at a temperature > 0 (0.7 unless --param temperature=…) and reports pass@1 with its spread", "n", 1, 1000);
    private readonly Option<bool> _stream = new("--stream") { Description = "Stream the answers, to measure time to first token (agon asked without streaming)" };
    private readonly Option<string[]> _params = new("--param") { Description = "Sampling parameter key=value (repeatable), e.g. temperature=0.2", HelpName = "key=value", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<string> _embed = new("--embed") { Description = "host/model that embeds for 'similar' assertions (default: ragEmbeddingHost/ragEmbeddingModel)", HelpName = "host/model" };
    private readonly Option<bool> _rag = new("--rag") { Description = "Run the suite twice, without and then with the RAG index's context before each prompt (agon's ragMode); records say rag_mode off or on" };
    private readonly Option<string> _results = new("--results") { Description = $"Folder of the JSONL results, one file per model (default {DefaultResults})", HelpName = "folder" };
    private readonly Option<string> _db = new("--db") { Description = "The database to record in (default: AGON_DB, else $XDG_DATA_HOME/agon/agon.db)", HelpName = "file" };

    public AccuracyCommand()
        : base("accuracy", "Score models on a suite of prompts: agon's integer check and promptfoo-style assertions; every answer recorded")
    {
        Arguments.Add(_suite);
        foreach (var option in new Option[] { _targets, _runs, _stream, _params, _embed, _rag, _results, _db, JsonOption })
        {
            Options.Add(option);
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var console = context.Console;
        var named = parse.GetValue(_suite);
        var suiteFile = named ?? DefaultSuite;
        var suite = AccuracySuiteReader.Read(context.Environment, suiteFile, named is null ? MissingDefault : null);
        var config = context.Config;
        var runs = parse.GetValue(_runs) ?? 1;
        var parameters = ChatParameters.ParseFlags(parse.GetValue(_params) ?? []);
        var temperature = SamplingParameters.Temperature.Key;
        if (runs > 1 && !parameters.ContainsKey(temperature))
        {
            parameters[temperature] = ChatParameters.Number(0.7);
            console.WriteNote($"{runs} runs sample at temperature 0.7 (set another with --param temperature=T)");
        }

        var explicitTargets = ChatTargets.Resolve(config, parse.GetValue(_targets) ?? []);
        var opened = new CommandResources(context.HostFactory);
        IModelHost HostFor(HostConfig host) => opened.HostFor(host);
        Mcp.ToolSession? tools = null;
        Rag.RagSession? rag = null;
        try
        {
            if (parse.GetValue(_rag) || config.Rag.Enabled)
            {
                // The index is read once, before any model is asked; a missing setting or index fails now.
                rag = opened.Keep(Rag.RagSession.Open(Rag.RagOptions.From(config, context.Environment, needsCorpus: false), context.HostFactory, context.TimeProvider, cancellationToken));
            }

            var mode = config.MultimodelMode ? ChatMode.Compare : ChatMode.Single;
            var targetConfigs = explicitTargets.Count > 0 ? explicitTargets : await ChatTargets.DefaultsAsync(config, mode, HostFor, null, cancellationToken);
            if (targetConfigs.Count == 0)
            {
                throw AgonException.Usage("nothing to test: no host has a model; name targets with --target host/model");
            }

            var targets = targetConfigs.Select(t => new ChatTarget(HostFor(t.Host), t.Model)).ToList();
            if (explicitTargets.Count == 0)
            {
                console.WriteNote("using " + string.Join(", ", targets.Select(t => t.Label)));
            }

            var embedder = Embedder(context, parse.GetValue(_embed), HostFor);
            if (suite.Tests.Any(t => t.Assertions.Any(a => a.Kind.Name == "tool-call")))
            {
                if (config.Mcp.Enabled)
                {
                    tools = await ChatCommand.StartToolsAsync(context, confirm: false, cancellationToken);
                    opened.Keep(tools.Toolbox);
                }
                else
                {
                    console.WriteWarning("the suite checks tool calls but mcpMode is off: the models get no tools, so tool-call assertions fail");
                }
            }

            var path = DatabasePath.Resolve(context.Environment, parse.GetValue(_db));
            using var database = AgonDatabase.Open(path);
            var folder = AgonPaths.Resolve(context.Environment, parse.GetValue(_results) ?? DefaultResults);
            using var writer = new AccuracyResultsWriter(folder);
            var options = new AccuracyOptions
            {
                Runs = runs,
                Stream = parse.GetValue(_stream),
                Parameters = parameters,
                Passes = rag is null ? [AccuracyPass.Plain] : AccuracyPass.OffThenOn(rag),
            };
            var engine = new ChatEngine(context.TimeProvider, context.Log, tools: tools);
            IReadOnlyList<AccuracySummary> summaries;
            using (var view = new AccuracyProgressView(console, context.TimeProvider, targets.Select(t => t.Label)))
            {
                summaries = await new AccuracyRunner(context.TimeProvider, engine, new ResponseStore(database), writer, embedder)
                    .RunAsync(targets, suite, options, view, cancellationToken);
            }

            var cancelled = cancellationToken.IsCancellationRequested;
            if (console.JsonOutput)
            {
                var document = new AccuracyDocument(suiteFile, suite.Tests.Count, runs, options.Stream, cancelled, path, [.. writer.Files], summaries);
                console.WriteData(JsonText.Serialize(document, AccuracyResultsJsonContext.Default.AccuracyDocument));
            }
            else
            {
                console.WriteLine(AccuracyTable.Render(summaries));
            }

            foreach (var file in writer.Files)
            {
                console.WriteNote($"results in {file}");
            }

            console.WriteNote($"recorded in {path}");
            if (cancelled)
            {
                console.WriteNote("cancelled: the results keep every finished answer");
                return ExitCodes.Cancelled;
            }

            return summaries.Any(s => s.FailedRequests > 0) ? ExitCodes.Failed : ExitCodes.Success;
        }
        finally
        {
            await opened.DisposeAsync();
        }
    }

    /// <summary>The embedding model for <c>similar</c>: <c>--embed host/model</c>, else the RAG settings' host and model, else none.</summary>
    private static IEmbeddingGenerator<string, Embedding<float>>? Embedder(CommandContext context, string? given, Func<HostConfig, IModelHost> hostFor)
    {
        var config = context.Config;
        if (given is not null)
        {
            var target = Target.Parse(config, given, hostRequired: true, what: "--embed " + given);
            return hostFor(target.Host!).GetEmbeddingGenerator(target.Model);
        }

        if (config.Rag is { EmbeddingHost: { Length: > 0 } hostName, EmbeddingModel: { Length: > 0 } model }
            && config.Hosts.FirstOrDefault(h => string.Equals(h.Name, hostName, StringComparison.OrdinalIgnoreCase)) is { } host)
        {
            return hostFor(host).GetEmbeddingGenerator(model);
        }

        return null;
    }
}
