using System.CommandLine;
using System.Globalization;

namespace Agon.Cli;

/// <summary><c>agon history delete ID…</c>: removes saved conversations after asking (or at once with <c>--yes</c>).</summary>
internal sealed class HistoryDeleteCommand : AgonCommand
{
    private readonly Argument<string[]> _ids = new("id") { Description = "The conversations to delete (agon history lists them)", Arity = ArgumentArity.OneOrMore };
    private readonly Option<bool> _yes = new("--yes", "-y") { Description = "Delete without asking" };

    public HistoryDeleteCommand()
        : base("delete", "Delete saved conversations (asks first)")
    {
        Arguments.Add(_ids);
        Options.Add(_yes);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var ids = (context.ParseResult.GetValue(_ids) ?? []).Select(HistoryShowCommand.ParseId).Distinct().ToList();
        var console = context.Console;
        var store = HistoryCommand.Open(context, out var database);
        using (database)
        {
            var missing = ids.Where(id => store.Load(id) is null).ToList();
            if (missing.Count > 0)
            {
                throw AgonException.Usage($"no conversation {string.Join(", ", missing)} in {store.Path} (agon history lists them); nothing deleted");
            }

            var what = ids.Count == 1 ? $"conversation {ids[0]}" : $"{ids.Count} conversations ({string.Join(", ", ids)})";
            if (!context.ParseResult.GetValue(_yes))
            {
                if (!console.Capabilities.InteractiveInput)
                {
                    console.WriteError($"not deleted: re-run with --yes to delete {what}");
                    return ExitCodes.Usage;
                }

                if (!await console.ConfirmAsync($"Delete {what}?", cancellationToken))
                {
                    console.WriteNote("nothing deleted");
                    return ExitCodes.Success;
                }
            }

            var deleted = store.Delete(ids);
            console.WriteNote(string.Create(CultureInfo.InvariantCulture, $"deleted {(deleted == 1 ? "1 conversation" : $"{deleted} conversations")}"));
            return ExitCodes.Success;
        }
    }
}
