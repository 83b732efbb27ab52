using Agon.Chat;
using Agon.Hosts;

namespace Agon.Interactive;

/// <summary>
/// What the target picker offers: every configured host with its reachability and mode, then its models with their
/// status, loaded ones first (then sleeping, loading, unloaded, failed). Picking a model that is not loaded on a
/// host that loads on request starts the load and reports its progress into the pane.
/// </summary>
internal sealed class TargetCatalog(IReadOnlyList<IModelHost> hosts)
{
    private static readonly string[] s_order = [ModelStatus.Loaded, ModelStatus.Sleeping, ModelStatus.Loading, ModelStatus.Unloaded, ModelStatus.Failed];

    public IReadOnlyList<IModelHost> Hosts => hosts;

    public async Task<IReadOnlyList<TargetChoice>> LoadAsync(CancellationToken cancellationToken)
    {
        return await Task.WhenAll(hosts.Select(async host =>
        {
            try
            {
                var info = await host.GetInfoAsync(cancellationToken);
                var models = await host.ListModelsAsync(cancellationToken);
                return new TargetChoice(host, info, null, Order(models));
            }
            catch (AgonException ex)
            {
                return new TargetChoice(host, null, ex.Message, []);
            }
        }));
    }

    public static List<ModelInfo> Order(IEnumerable<ModelInfo> models) =>
        [.. models.OrderBy(m => Array.IndexOf(s_order, m.Status) is var i and >= 0 ? i : s_order.Length).ThenBy(m => m.Id, StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Puts <paramref name="model"/> into pane <paramref name="pane"/>; when it is not loaded and the host can load
    /// it, loads it first, with progress as notes in the pane. A failed load stays in the pane.
    /// </summary>
    public static async Task ChooseAsync(ChatSession session, int pane, TargetChoice host, ModelInfo model, CancellationToken cancellationToken)
    {
        var target = new ChatTarget(host.Host, model.Id);
        if (model.Status is ModelStatus.Unloaded or ModelStatus.Failed && host.Info?.IsRouter == true)
        {
            session.Note(pane, $"loading {target.Label}…");
            try
            {
                await host.Host.LoadAsync(model.Id, new Progress<ModelProgress>(p => session.Note(pane, $"loading {target.Label}: {p.Stage}{(p.Fraction is { } f ? $" {f:P0}" : "")}")), cancellationToken);
                session.Note(pane, $"{target.Label} is loaded");
            }
            catch (AgonException ex)
            {
                session.Note(pane, "error: " + ex.Message, error: true);
                return;
            }
        }

        session.Retarget(pane, target);
    }
}
