using System.CommandLine;
using System.Globalization;
using Agon.Imports;
using Agon.Storage;

namespace Agon.Cli;

/// <summary>
/// <c>agon import metrics FILE…</c>: brings agon's metrics file, benchmark JSON and accuracy JSONL into the
/// database, all files in one transaction; importing the same file again adds nothing.
/// </summary>
internal sealed class ImportMetricsCommand : AgonCommand
{
    private readonly Argument<string[]> _files = new("FILE") { Description = "agon's reports/data/model_performance_metrics.json, benchmark JSON or accuracy JSONL files", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _host = new("--host") { Description = $"The host the results came from, for files that do not say (default {AgonImporter.UnknownHost})", HelpName = "name" };
    private readonly Option<string> _db = new("--db") { Description = "The database to import into (default: AGON_DB, else $XDG_DATA_HOME/agon/agon.db)", HelpName = "file" };

    public ImportMetricsCommand()
        : base("metrics", "Import agon's metrics file, benchmark JSON and accuracy JSONL into the database (again adds nothing)")
    {
        Arguments.Add(_files);
        Options.Add(_host);
        Options.Add(_db);
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var host = parse.GetValue(_host) is { } given ? given.Trim() : null;
        if (host is { Length: 0 })
        {
            throw AgonException.Usage("--host: expected a host name, got an empty one");
        }

        // Every file is read before anything is stored: a bad one imports nothing.
        var files = (parse.GetValue(_files) ?? []).Select(f => AgonImporter.Read(AgonPaths.Resolve(context.Environment, f), host)).ToList();
        var path = DatabasePath.Resolve(context.Environment, parse.GetValue(_db));
        int added;
        using (var database = AgonDatabase.Open(path))
        {
            added = new ResponseStore(database).Import(files.SelectMany(f => f.Records), files.SelectMany(f => f.Runs), cancellationToken);
        }

        var console = context.Console;
        foreach (var file in files)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file.Path}: {file.Format}, {file.Records.Count} rows"));
        }

        var total = files.Sum(f => f.Records.Count);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {added} new rows into {path} ({total - added} already there)"));
        return Task.FromResult(ExitCodes.Success);
    }
}
