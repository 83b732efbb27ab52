using System.CommandLine;

namespace Agon.Cli;

/// <summary>The whole <c>agon</c> command tree, registered up front so <c>--help</c> shows the product.</summary>
internal static class CommandTree
{
    public static RootCommand Build(GlobalOptions globalOptions, Func<AgonCommand, ParseResult, CancellationToken, Task<int>> invoke)
    {
        var root = new RootCommand("Agon: one terminal for the LLMs on every machine you run (llama.cpp, Ollama, in-process GGUF).");
        foreach (var option in globalOptions.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(Leaf(new PendingCommand("chat", "Chat with one model, compare up to four, or chain them in a pipeline", needsHost: true), invoke));
        root.Subcommands.Add(Group("list", "List hosts, models and commands",
            Leaf(new PendingCommand("hosts", "Every configured host: type, url, reachability, mode, version", needsHost: true), invoke),
            Leaf(new PendingCommand("models", "Every model on every host, with its status", needsHost: true), invoke),
            Leaf(new PendingCommand("running", "What is loaded where across the fleet", needsHost: true), invoke),
            Leaf(new PendingCommand("modelparameters", "Default sampling parameters of each model", needsHost: true, "modelParameters"), invoke),
            Leaf(new ListCommandsCommand(), invoke)));
        root.Subcommands.Add(Group("load", "Load models on their hosts",
            Leaf(new PendingCommand("models", "Load models (default: each host's configured models) and wait until ready", needsHost: true), invoke)));
        root.Subcommands.Add(Group("unload", "Unload models from their hosts",
            Leaf(new PendingCommand("models", "Unload models (default: every loaded model)", needsHost: true), invoke)));
        root.Subcommands.Add(Group("pull", "Download models to their hosts",
            Leaf(new PendingCommand("models", "Pull models (default: configured models a host is missing)", needsHost: true), invoke)));
        root.Subcommands.Add(Group("delete", "Delete models from their hosts",
            Leaf(new PendingCommand("models", "Delete installed models that are not configured (asks first)", needsHost: true), invoke)));
        root.Subcommands.Add(Group("sync", "Make hosts hold exactly their configured models",
            Leaf(new PendingCommand("models", "Delete unconfigured models and pull missing ones (asks first)", needsHost: true), invoke)));
        root.Subcommands.Add(Group("show", "Show configuration and model details",
            Leaf(new ShowConfigCommand(), invoke),
            Leaf(new PendingCommand("modelinfo", "Details of one model: parameters, template, context length", needsHost: true, "modelInfo"), invoke)));
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
