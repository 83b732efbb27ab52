using Agon.Hosts;

namespace Agon.Interactive;

/// <summary>One host of the target picker, with what it said about itself and its models (loaded first).</summary>
internal sealed record TargetChoice(IModelHost Host, HostInfo? Info, string? Error, IReadOnlyList<ModelInfo> Models)
{
    public bool Reachable => Error is null;

    /// <summary>The host line: <c>gpu · router · reachable · 3 models</c>, or its one-line error.</summary>
    public string Line => Error is { } error
        ? $"{Host.Name} · unreachable: {error}"
        : $"{Host.Name} · {Info?.Mode ?? "?"} · {Models.Count} model{(Models.Count == 1 ? "" : "s")}";

    /// <summary>The model line: <c>qwen3:8b · loaded · 4.9 GB</c>.</summary>
    public static string ModelLine(ModelInfo model) =>
        $"{model.Id} · {model.Status}" + (model.SizeBytes is { } size ? " · " + Agon.Terminal.Figures.Bytes(size) : "")
        + (model.Reason is { } reason ? " · " + reason : "");
}
