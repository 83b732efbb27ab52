using System.CommandLine;
using System.Globalization;
using System.Text;
using Agon.Reports;
using Agon.Storage;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon analyze metrics</c>: the stored responses as one offline HTML report (and, with <c>--json</c>, as data).</summary>
internal sealed class AnalyzeMetricsCommand : AgonCommand
{
    public const string DefaultOutput = "reports/metrics-report.html";

    private readonly Option<string> _output = new("--html-output") { Description = $"Where to write the report (default {DefaultOutput})", HelpName = "file" };
    private readonly Option<string> _since = new("--since") { Description = "Only responses since a date (2026-11-25) or an age (7d, 12h)", HelpName = "when" };
    private readonly Option<string[]> _hosts = new("--host") { Description = "Only this host (repeatable)", HelpName = "name", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> _models = new("--model") { Description = "Only this model (repeatable)", HelpName = "name", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<string> _db = new("--db") { Description = "The database to read (default: AGON_DB, else $XDG_DATA_HOME/agon/agon.db)", HelpName = "file" };

    public AnalyzeMetricsCommand()
        : base("metrics", "Write an offline HTML report of the stored metrics: speed per target, across hosts, over time")
    {
        foreach (var option in new Option[] { _output, _since, _hosts, _models, _db, JsonOption })
        {
            Options.Add(option);
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var console = context.Console;
        var now = context.TimeProvider.GetUtcNow();
        var filter = new ResponseFilter
        {
            Since = parse.GetValue(_since) is { } since ? ParseSince(since, now) : null,
            Hosts = parse.GetValue(_hosts) ?? [],
            Models = parse.GetValue(_models) ?? [],
        };
        var path = DatabasePath.Resolve(context.Environment, parse.GetValue(_db));
        if (!File.Exists(path))
        {
            throw new AgonException($"no metrics database at {path}: run agon benchmark first, or point --db or AGON_DB at one");
        }

        MetricsAnalysis analysis;
        using (var database = AgonDatabase.Open(path))
        {
            analysis = MetricsAnalyzer.Analyze(new ResponseStore(database), filter, now, cancellationToken);
        }

        if (analysis.Rows == 0)
        {
            var given = new List<string>();
            if (filter.Since is not null)
            {
                given.Add("--since");
            }

            if (filter.Hosts.Count > 0)
            {
                given.Add("--host");
            }

            if (filter.Models.Count > 0)
            {
                given.Add("--model");
            }

            console.WriteNote(given.Count == 0
                ? $"{path} holds no measurements yet: agon benchmark --target host/model measures one (and chats are kept with metrics: true)"
                : $"no stored response in {path} matches the {WordList.Join(given, "and")} given");
        }

        var output = AgonPaths.Resolve(context.Environment, parse.GetValue(_output) ?? DefaultOutput);
        var html = HtmlReport.Render(analysis);
        Write(output, html);
        if (console.JsonOutput)
        {
            console.WriteData(JsonText.Serialize(analysis, ReportJsonContext.Default.MetricsAnalysis));
        }

        var size = Encoding.UTF8.GetByteCount(html);
        var line = string.Create(CultureInfo.InvariantCulture, $"wrote {output} ({Figures.Bytes(size)}, {analysis.Targets.Count} target{(analysis.Targets.Count == 1 ? "" : "s")} from {analysis.Rows} response{(analysis.Rows == 1 ? "" : "s")})");
        if (console.JsonOutput)
        {
            console.WriteNote(line);
        }
        else
        {
            console.WriteLine(line);
        }

        return Task.FromResult(ExitCodes.Success);
    }

    /// <summary>A date or date-time (UTC unless it says otherwise), or an age back from now: <c>30m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>.</summary>
    public static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && int.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? age = char.ToLowerInvariant(trimmed[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (age is { } span)
            {
                return now - span;
            }
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        throw AgonException.Usage($"--since: expected a date (2026-11-25) or an age (30m, 12h, 7d, 2w), got '{text}'");
    }

    private static void Write(string path, string html)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AgonException($"cannot write the report to {path}: {ex.Message}");
        }
    }
}
