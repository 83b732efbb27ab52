using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using Agon.Hosts;
using Agon.Models;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon pull models</c>: download models (default: configured models a host lacks), hosts in parallel.</summary>
internal sealed class PullModelsCommand : FleetCommand
{
    private readonly Argument<string[]> _models = new("MODEL") { Description = "Models to pull (host/model, or model with --host); default: configured models each host lacks", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> _hfFile = new("--hf-file") { Description = "In-process host: this file of the Hugging Face repository instead of the one the tag selects", HelpName = "path" };
    private readonly Option<string> _hfToken = new("--hf-token") { Description = "In-process host: Hugging Face token (default: HF_TOKEN)", HelpName = "token" };

    public PullModelsCommand()
        : base("models", "Pull models (default: configured models a host is missing)")
    {
        Arguments.Add(_models);
        Options.Add(_hfFile);
        Options.Add(_hfToken);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, Fleet fleet, CancellationToken cancellationToken)
    {
        var arguments = context.ParseResult.GetValue(_models) ?? [];
        var options = new DownloadOptions { File = context.ParseResult.GetValue(_hfFile), Token = context.ParseResult.GetValue(_hfToken) };
        if (options.Token is { } token)
        {
            Diagnostics.SecretRegistry.Register(token);
        }

        if (options.File is not null && arguments.Length != 1)
        {
            throw AgonException.Usage("--hf-file names a file of one repository: give exactly one model (local/owner/repo)");
        }

        var exitCode = ExitCodes.Success;
        IReadOnlyList<(IModelHost Host, string Model)> targets;
        if (arguments.Length > 0)
        {
            targets = ModelTargets.Resolve(fleet, arguments, (context.ParseResult.GetValue(HostOption) ?? []).Length > 0);
            foreach (var (host, model) in targets)
            {
                host.CheckPullName(model);
            }
        }
        else
        {
            var inventories = await fleet.ForEachAsync(HostInventory.ReadAsync, cancellationToken);
            exitCode = ReportErrors(context, inventories);
            var plan = ModelPlan.Build(inventories, delete: false, pull: true);
            targets = plan.Pulls;
            foreach (var error in plan.Errors)
            {
                context.Console.WriteError(error);
                exitCode = ExitCodes.Failed;
            }

            if (targets.Count == 0 && plan.Errors.Count == 0)
            {
                context.Console.WriteNote("every configured model is already on its host");
                return Math.Max(exitCode, EmptyResults(context));
            }
        }

        return Math.Max(exitCode, await PullAsync(context, targets, cancellationToken, options));
    }

    internal static async Task<int> PullAsync(CommandContext context, IEnumerable<(IModelHost Host, string Model)> targets, CancellationToken cancellationToken, DownloadOptions? options = null)
    {
        using var board = new ProgressBoard(context.Console, context.TimeProvider);
        var downloads = new ConcurrentDictionary<(string Host, string Model), DownloadResult>();
        var results = await TargetRunner.RunPerHostAsync(targets, board, async (host, model, progress, ct) =>
        {
            var started = context.TimeProvider.GetTimestamp();
            var download = await host.PullAsync(model, options ?? DownloadOptions.None, progress, ct);
            if (download is not null)
            {
                downloads[(host.Name, model)] = download;
            }

            return ("pulled", download is null ? null : Describe(host, download), context.TimeProvider.GetElapsedTime(started).TotalSeconds);
        }, cancellationToken);
        results = results.Select(r => downloads.TryGetValue((r.Host, r.Model), out var d) ? r with { Download = d } : r).ToList();
        return ReportResults(context, results, board);
    }

    /// <summary><c>agon chat --pull</c>: pulls one model with a progress line, says so on stderr, and returns the id it lists as.</summary>
    internal static async Task<string> PullForChatAsync(CommandContext context, IModelHost host, string model, CancellationToken cancellationToken)
    {
        DownloadResult? download;
        using (var board = new ProgressBoard(context.Console, context.TimeProvider))
        {
            var progress = board.Add($"{host.Name}/{model}");
            try
            {
                download = await host.PullAsync(model, DownloadOptions.None, progress, cancellationToken);
                board.Complete(progress, "pulled");
            }
            catch
            {
                board.Complete(progress, "failed");
                throw;
            }
        }

        if (download is null)
        {
            return model;
        }

        context.Console.WriteNote(Describe(host, download));
        var tag = Hosts.Embedded.HuggingFace.GgufFileName.Tag(download.Files[0].Path);
        return tag.Length == 0 ? model : $"{Hosts.Embedded.HuggingFace.HubModelName.Parse(model).Repo}:{tag}";
    }

    /// <summary>One line for a pull into the cache: the id it lists as, size, whether anything was fetched, where.</summary>
    internal static string Describe(IModelHost host, DownloadResult download)
    {
        var primary = download.Files[0];
        var parts = Path.GetFileName(download.Cache)["models--".Length..].Split("--", 2);
        var repo = string.Join('/', parts);
        var tag = Hosts.Embedded.HuggingFace.GgufFileName.Tag(primary.Path);
        var size = Figures.Bytes(download.Files.Sum(f => f.SizeBytes ?? 0));
        var files = download.Files.Count == 1 ? primary.Path : $"{download.Files.Count} files ({primary.Path}, …)";
        var what = download.Files.All(f => f.Cached)
            ? "already in the cache"
            : download.Files.Any(f => f.Cached) ? "pulled (partly from the cache), size and sha256 checked" : "pulled, size and sha256 checked";
        var id = tag.Length > 0
            ? $"{host.Name}/{repo}:{tag}"
            : $"{host.Name}/{repo} (its file name has no quantization tag, so neither agon nor llama-server lists it; pull a tagged file)";
        return string.Create(CultureInfo.InvariantCulture, $"{id}: {what}: {files}, {size}, in {download.Cache}");
    }
}
