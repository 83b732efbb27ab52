using System.CommandLine;
using System.Text.Json;
using Agon.Chat;
using Agon.Configuration;
using Agon.Conversations;
using Agon.Files;
using Agon.Hosts;
using Agon.Interactive;
using Agon.Storage;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>
/// <c>agon chat</c>: one turn against one target (single), two to four (compare) or a chain (pipeline). The prompt
/// comes from <c>--prompt</c> or stdin. Output as text, one JSON document, or NDJSON events.
/// </summary>
internal sealed class ChatCommand : AgonCommand
{
    private readonly Option<string> _prompt = new("--prompt", "-p") { Description = "The prompt (default: stdin when it is not a terminal)", HelpName = "text" };
    private readonly Option<string[]> _targets = new("--target", "-t") { Description = "host/model to ask (repeatable, up to 4; pipeline: in stage order)", HelpName = "host/model", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<string> _system = new("--system") { Description = "System prompt (replaces each host's systemprompt)", HelpName = "text" };
    private readonly Option<string[]> _params = new("--param") { Description = "Sampling parameter key=value (repeatable), e.g. temperature=0.2", HelpName = "key=value", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> _noStream = new("--no-stream") { Description = "Ask for the whole answer at once" };
    private readonly Option<int?> _maxTokens = new("--max-tokens") { Description = "The most tokens to generate (-1: no limit); the same as --param max_tokens=N", HelpName = "N", CustomParser = ParseMaxTokens };
    private readonly Option<bool> _raw = new("--raw") { Description = "Send the prompt as it is, without the chat template (base models continue the text)" };
    private readonly Option<string> _schema = new("--json-schema") { Description = "Ask for JSON matching this JSON Schema file", HelpName = "file" };
    private readonly Option<string> _output = ChoiceOption.Create("--output", "-o", "text (default), json or ndjson", "text", "json", "ndjson");
    private readonly Option<bool> _confirmTools = new("--confirm-tools") { Description = "Ask before each tool call (mcpMode)" };
    private readonly Option<bool> _pull = new("--pull") { Description = "Pull a missing in-process model from Hugging Face first (with no model anywhere: the recommended small one)" };
    private readonly Option<string> _continue = new("--continue") { Description = "Continue a saved conversation (default: the latest); with another --target, fork it onto that model", HelpName = "id", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _noSave = new("--no-save") { Description = "Do not keep this conversation (the history setting turns saving off for good)" };
    private readonly Option<bool> _rag = new("--rag") { Description = "Put what the RAG index retrieves for each prompt before it (ragIndexPath, ragEmbeddingHost, ragEmbeddingModel); the answer names its sources" };
    private readonly Option<bool> _interactive = new("--interactive", "-i") { Description = "Open the full-screen chat (the default with no prompt on a terminal)" };
    private readonly Option<string> _db = new("--db") { Description = "The database conversations are kept in (default: AGON_DB, else $XDG_DATA_HOME/agon/agon.db)", HelpName = "file" };

    /// <summary>What <c>agon chat -i</c> says without a terminal on stdin and stdout.</summary>
    public const string NeedsTerminal = "interactive chat needs a terminal; use --prompt or stdin for a single turn";

    public ChatCommand()
        : base("chat", "Chat with one model, compare up to four, or chain them in a pipeline")
    {
        foreach (var option in new Option[] { _prompt, _targets, _system, _params, _maxTokens, _raw, _noStream, _schema, _output, _pull, _continue, _noSave, _interactive, _db, _confirmTools, _rag })
        {
            Options.Add(option);
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var console = context.Console;
        var output = parse.GetValue(_output) ?? "text";
        if (output != "text")
        {
            console.UseJsonOutput();
        }

        var config = context.Config;
        var interactive = parse.GetValue(_interactive) || (parse.GetValue(_prompt) is null && !console.Capabilities.InputRedirected);
        if (interactive && !(console.Capabilities.InteractiveInput && console.Capabilities.OutputIsTerminal))
        {
            throw AgonException.Usage(NeedsTerminal);
        }

        var prompt = interactive ? "" : parse.GetValue(_prompt) ?? console.ReadRedirectedInput();
        if (!interactive && string.IsNullOrWhiteSpace(prompt))
        {
            throw AgonException.Usage("no prompt: give one with --prompt TEXT or on stdin (echo \"…\" | agon chat)");
        }

        var mode = config.PipelineMode ? ChatMode.Pipeline : config.MultimodelMode ? ChatMode.Compare : ChatMode.Single;
        var given = parse.GetValue(_targets) ?? [];
        var continuing = parse.GetResult(_continue) is not null;
        var save = config.History && !parse.GetValue(_noSave);
        using var keeper = save || continuing ? OpenConversations(context, parse.GetValue(_db), save, continuing) : null;
        var previous = continuing ? keeper!.Resume(parse.GetValue(_continue)) : null;
        if (previous is not null && given.Length == 0)
        {
            // The conversation goes on with the targets and the mode it had.
            given = [.. previous.Summary.Targets];
            mode = Enum.Parse<ChatMode>(previous.Summary.Mode, ignoreCase: true);
        }

        if (given.Length > ChatEngine.MaxTargets)
        {
            throw AgonException.Usage($"at most {ChatEngine.MaxTargets} targets, got {given.Length}");
        }

        if (parse.GetValue(_raw) && parse.GetValue(_system) is not null)
        {
            throw AgonException.Usage("--raw sends the prompt as it is, without a template, so it takes no --system; put the text in the prompt");
        }

        var request = new ChatRequest
        {
            Prompt = (prompt ?? "").TrimEnd('\n', '\r'),
            System = parse.GetValue(_system) ?? previous?.System,
            Parameters = ParseParameters(parse.GetValue(_params) ?? [], parse.GetValue(_maxTokens)),
            Stream = !parse.GetValue(_noStream),
            Raw = parse.GetValue(_raw),
            JsonMode = config.JsonMode,
            JsonSchema = ReadSchema(context, parse.GetValue(_schema)),
        };
        var explicitTargets = ChatTargets.Resolve(config, given);
        if (mode == ChatMode.Single && explicitTargets.Count > 1)
        {
            mode = ChatMode.Compare;
        }

        if (mode != ChatMode.Single && given.Length == 1)
        {
            throw AgonException.Usage($"{(mode == ChatMode.Pipeline ? "pipeline" : "compare")} mode needs two to four targets; give them with --target host/model");
        }

        Mcp.ToolSession? tools = null;
        Rag.RagSession? rag = null;
        var opened = new CommandResources(context.HostFactory);
        IModelHost HostFor(HostConfig config) => opened.HostFor(config);
        try
        {
            if (parse.GetValue(_rag))
            {
                // The index is read before any model is asked: a missing setting or index fails now, in one line.
                rag = opened.Keep(Rag.RagSession.Open(Rag.RagOptions.From(config, context.Environment, needsCorpus: false), context.HostFactory, context.TimeProvider, cancellationToken));
            }

            Func<IModelHost, string, Task<string>>? pull = parse.GetValue(_pull)
                ? (host, model) => PullModelsCommand.PullForChatAsync(context, host, model, cancellationToken)
                : null;
            if (pull is not null)
            {
                explicitTargets = await ChatTargets.PullMissingAsync(explicitTargets, HostFor, pull, cancellationToken);
            }

            var targetConfigs = explicitTargets.Count > 0 ? explicitTargets : await ChatTargets.DefaultsAsync(config, mode, HostFor, pull, cancellationToken);
            if (mode != ChatMode.Single && targetConfigs.Count < 2)
            {
                throw AgonException.Usage($"{(mode == ChatMode.Pipeline ? "pipeline" : "compare")} mode needs two to four targets; give them with --target host/model");
            }

            foreach (var host in targetConfigs.Select(t => t.Host).Distinct())
            {
                ChatParameters.Merge(host.Parameters, request.Parameters);
            }

            request = request with { Mode = mode };
            if (mode == ChatMode.Pipeline)
            {
                // A path that cannot be written fails now, not after a long run.
                foreach (var file in new[] { config.Export, config.ExportMarkdown }.OfType<string>())
                {
                    ExportFile.Check(AgonPaths.Resolve(context.Environment, file), file);
                }
            }

            var targets = targetConfigs.Select(t => new ChatTarget(HostFor(t.Host), t.Model)).ToList();
            if (previous is not null)
            {
                request = request with { History = [.. targets.Select(t => previous.HistoryFor(t.Label))] };
            }

            if (explicitTargets.Count == 0 && output == "text")
            {
                console.WriteNote("using " + string.Join(", ", targets.Select(t => t.Label)));
            }

            IChatObserver view = output switch
            {
                "ndjson" => new NdjsonChatView(console),
                "json" => new QuietChatView(console),
                _ => new TextChatView(console, mode, targets),
            };
            if (config.Mcp.Enabled && !request.Raw)
            {
                // The interactive chat asks in a dialog, not on the console the screen owns.
                tools = await StartToolsAsync(context, parse.GetValue(_confirmTools) && !interactive, cancellationToken);
                opened.Keep(tools.Toolbox);
            }

            if (interactive)
            {
                var catalog = new TargetCatalog([.. config.Hosts.Select(HostFor)]);
                var db = parse.GetValue(_db);
                ChatSession? shown = null;
                var asked = tools is null ? null : tools with { Confirm = (call, ct) => shown!.ConfirmToolAsync(call, ct) };
                using var session = new ChatSession(new ChatEngine(context.TimeProvider, context.Log, tools: asked), request, targets, keeper, previous)
                {
                    Retrieve = rag is null ? null : rag.ContextForAsync,
                    Finished = config.Metrics ? (outcomes, ct) => RecordAsync(context, db, mode, outcomes, note => shown?.Say(note), ct) : null,
                    ConfirmTools = parse.GetValue(_confirmTools),
                };
                shown = session;
                var title = $"agon · {targets.Count} target{(targets.Count == 1 ? "" : "s")} · {mode.ToString().ToLowerInvariant()} · jsonMode {(request.WantsJson ? "on" : "off")} · F1 keys";
                InteractiveChat.Run(session, new ChatScreenOptions(title, catalog, mode == ChatMode.Pipeline ? new PipelineScreenExport(context.Environment, config.Export, config.ExportMarkdown, context.TimeProvider).Export : null), context.TimeProvider, cancellationToken);

                // Quitting with a key is a normal end; SIGTERM (the token) is a cancellation, as in every command.
                return cancellationToken.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Success;
            }

            if (rag is not null)
            {
                request = request with { Context = await rag.ContextForAsync(request.Prompt, cancellationToken) };
                if (request.Context is null)
                {
                    console.WriteNote("the RAG index gave no context for this prompt; it is sent alone");
                }
            }

            var recorder = keeper?.Begin(previous, mode, [.. targets.Select(t => t.Label)], request.System, view);
            recorder?.RecordPrompt(request.Prompt);
            IReadOnlyList<ChatOutcome> outcomes;
            try
            {
                outcomes = await new ChatEngine(context.TimeProvider, context.Log, tools: tools).RunAsync(request, targets, recorder ?? view, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                recorder?.RecordCancelled();
                throw;
            }
            finally
            {
                if (recorder?.Problem is { } problem)
                {
                    console.WriteWarning(problem);
                }
            }

            if (output == "json")
            {
                console.WriteData(JsonText.Write(w => ChatJson.WriteRun(w, mode, request.Prompt, outcomes)));
            }

            Export(context, config, mode, request.Prompt, outcomes);
            if (config.Metrics)
            {
                await RecordAsync(context, parse.GetValue(_db), mode, outcomes, context.Console.WriteNote, cancellationToken);
            }

            return outcomes.Any(o => o.Failed) ? ExitCodes.Failed : ExitCodes.Success;
        }
        finally
        {
            await opened.DisposeAsync();
        }
    }

    /// <summary>
    /// <c>mcpMode</c>: starts the configured servers (or <c>mcpBinary</c>); one that fails is one warning line with
    /// its reason, and the chat goes on with the others' tools.
    /// </summary>
    internal static async Task<Mcp.ToolSession> StartToolsAsync(CommandContext context, bool confirm, CancellationToken cancellationToken)
    {
        var settings = context.Config.Mcp;
        var connector = new Mcp.McpConnector(context.Environment, context.Log, context.HttpClients, settings.InitTimeout, context.McpTransports);
        var toolbox = await Mcp.McpToolbox.StartAsync(Mcp.McpDefaultServer.ServersOf(settings, context.Environment), connector, context.TimeProvider, cancellationToken);
        foreach (var failed in toolbox.Connections.Where(c => !c.Started))
        {
            context.Console.WriteWarning($"MCP server {failed.Config.Name} did not start: {failed.Error}; chatting without its tools");
        }

        Func<Mcp.ToolActivity, CancellationToken, Task<bool>>? ask = confirm
            ? (call, ct) => context.Console.ConfirmAsync(ToolLines.Question(call), ct)
            : null;
        return new Mcp.ToolSession(toolbox, settings, context.Log, ask);
    }

    private static int? ParseMaxTokens(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"--max-tokens: expected a whole number of tokens, got '{text}'");
            return null;
        }

        if (value is 0 or < -1)
        {
            result.AddError($"--max-tokens {text}: give 1 or more tokens, or -1 for no limit");
        }

        return value;
    }

    private static Dictionary<string, JsonElement> ParseParameters(string[] values, int? maxTokens)
    {
        var result = ChatParameters.ParseFlags(values);

        if (maxTokens is { } limit)
        {
            // The flag is --param max_tokens=N by another name; given both, the flag wins.
            foreach (var alias in SamplingParameters.MaxTokens.Aliases)
            {
                result.Remove(alias);
            }

            result[SamplingParameters.MaxTokens.Key] = ChatOptionsFactory.ParseValue(limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return result;
    }

    private static JsonElement? ReadSchema(CommandContext context, string? file)
    {
        if (file is null)
        {
            return null;
        }

        var path = AgonPaths.Resolve(context.Environment, file);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw AgonException.Usage($"--json-schema {file}: cannot read it: {ex.Message}");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw AgonException.Usage($"--json-schema {file}: a JSON Schema is a JSON object");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw AgonException.Usage($"--json-schema {file}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: invalid JSON");
        }
    }

    /// <summary>
    /// The conversation store. A database that cannot be opened fails <c>--continue</c> (there is nothing to continue
    /// without it); for saving alone it costs a warning, not the chat.
    /// </summary>
    private static ConversationKeeper? OpenConversations(CommandContext context, string? db, bool save, bool continuing)
    {
        try
        {
            return new ConversationKeeper(AgonDatabase.Open(DatabasePath.Resolve(context.Environment, db)), context.TimeProvider, save);
        }
        catch (AgonException ex) when (!continuing)
        {
            context.Console.WriteWarning("this conversation is not saved: " + ex.Message);
            return null;
        }
    }

    /// <summary>
    /// <c>metrics: true</c>: every response into the database conversations go to (<c>--db</c>, else the default);
    /// a database that cannot be written costs a note, not the answer.
    /// </summary>
    private static async Task RecordAsync(CommandContext context, string? db, ChatMode mode, IReadOnlyList<ChatOutcome> outcomes, Action<string> note, CancellationToken cancellationToken)
    {
        try
        {
            using var database = AgonDatabase.Open(DatabasePath.Resolve(context.Environment, db));
            await ChatRecorder.RecordAsync(new ResponseStore(database), mode, outcomes, context.TimeProvider, cancellationToken);
        }
        catch (AgonException ex)
        {
            note("metrics not recorded: " + ex.Message);
        }
    }

    private static void Export(CommandContext context, AgonConfig config, ChatMode mode, string prompt, IReadOnlyList<ChatOutcome> outcomes)
    {
        if (config.Export is null && config.ExportMarkdown is null)
        {
            return;
        }

        if (mode != ChatMode.Pipeline)
        {
            context.Console.WriteNote("note: --export and --exportMarkdown apply to pipeline runs; nothing was exported");
            return;
        }

        var now = context.TimeProvider.GetUtcNow();
        if (config.Export is { } json)
        {
            PipelineExport.WriteJson(AgonPaths.Resolve(context.Environment, json), json, prompt, outcomes, now);
            context.Console.WriteNote($"exported {json}");
        }

        if (config.ExportMarkdown is { } markdown)
        {
            PipelineExport.WriteMarkdown(AgonPaths.Resolve(context.Environment, markdown), markdown, prompt, outcomes, now);
            context.Console.WriteNote($"exported {markdown}");
        }
    }
}
