using System.CommandLine;

namespace Agon.Cli;

/// <summary>The whole <c>agon</c> command tree, registered up front so <c>--help</c> shows the product.</summary>
internal static class CommandTree
{
    public static RootCommand Build(GlobalOptions globalOptions, Func<AgonCommand, ParseResult, CancellationToken, Task<int>> invoke)
    {
        var root = new RootCommand("Agon: one terminal for the LLMs on every machine you run (llama.cpp, Ollama, in-process GGUF). Run 'agon help COMMAND' for a command's options.");
        foreach (var option in globalOptions.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(Leaf(new ChatCommand(), invoke));
        var history = Leaf(new HistoryCommand(), invoke);
        history.Subcommands.Add(Leaf(new HistoryShowCommand(), invoke));
        history.Subcommands.Add(Leaf(new HistoryDeleteCommand(), invoke));
        root.Subcommands.Add(history);
        root.Subcommands.Add(Group("list", "List hosts, models and commands",
            Leaf(new ListHostsCommand(), invoke),
            Leaf(new ListModelsCommand(), invoke),
            Leaf(new ListRunningCommand(), invoke),
            Leaf(new ListModelParametersCommand(), invoke),
            Leaf(new ListToolsCommand(), invoke),
            Leaf(new ListCommandsCommand(), invoke)));
        root.Subcommands.Add(Group("load", "Load models on their hosts",
            Leaf(new LoadModelsCommand(), invoke)));
        root.Subcommands.Add(Group("unload", "Unload models from their hosts",
            Leaf(new UnloadModelsCommand(), invoke)));
        root.Subcommands.Add(Group("pull", "Download models to their hosts",
            Leaf(new PullModelsCommand(), invoke)));
        root.Subcommands.Add(Group("delete", "Delete models from their hosts",
            Leaf(new PlanCommand(pull: false, "Delete installed models that are not configured (asks first)"), invoke)));
        root.Subcommands.Add(Group("sync", "Make hosts hold exactly their configured models",
            Leaf(new PlanCommand(pull: true, "Delete unconfigured models and pull missing ones (asks first)"), invoke)));
        root.Subcommands.Add(Group("show", "Show configuration and model details",
            Leaf(new ShowConfigCommand(), invoke),
            Leaf(new ShowModelInfoCommand(), invoke)));
        root.Subcommands.Add(Leaf(new BenchmarkCommand(), invoke));
        root.Subcommands.Add(Leaf(new AccuracyCommand(), invoke));
        root.Subcommands.Add(Group("analyze", "Analyze stored metrics",
            Leaf(new AnalyzeMetricsCommand(), invoke)));
        root.Subcommands.Add(Group("rag", "Retrieval over a local corpus: build the index, preview what a query retrieves",
            Leaf(new RagIndexCommand(), invoke),
            Leaf(new RagPreviewCommand(), invoke)));
        root.Subcommands.Add(Leaf(new EmbedCommand(), invoke));
        root.Subcommands.Add(Group("import", "Import measurements from other tools",
            Leaf(new ImportMetricsCommand(), invoke)));
        return root;
    }

    private static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            group.Subcommands.Add(subcommand);
        }

        return group;
    }

    private static AgonCommand Leaf(AgonCommand command, Func<AgonCommand, ParseResult, CancellationToken, Task<int>> invoke)
    {
        command.SetAction((parseResult, cancellationToken) => invoke(command, parseResult, cancellationToken));
        return command;
    }
}
