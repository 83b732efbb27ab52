using System.Globalization;
using Agon.Hosts;

namespace Agon.Chat;

/// <summary>
/// The model a chat uses when no <c>--target</c> names one and the host has no configured models: one that can
/// write text (never an embedding-only model, never a file that failed), the most parameters first as a proxy for
/// quality, then by name.
/// </summary>
internal static class DefaultModel
{
    public static ModelInfo? Pick(IReadOnlyList<ModelInfo> models) =>
        models.Where(CanGenerate)
            .OrderByDescending(m => Parameters(m) ?? -1)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Whether the host lists the model as able to generate (or does not say otherwise).</summary>
    public static bool CanGenerate(ModelInfo model) => ModelCapabilities.Of(model).Chat;

    /// <summary>The parameter count, or the host's label of it (<c>8.2B</c>, <c>137M</c>, <c>260K</c>).</summary>
    internal static double? Parameters(ModelInfo model)
    {
        if (model.ParameterCount is { } count)
        {
            return count;
        }

        if (model.ParameterSize is not { Length: > 1 } label)
        {
            return null;
        }

        var scale = char.ToUpperInvariant(label[^1]) switch
        {
            'K' => 1e3,
            'M' => 1e6,
            'B' => 1e9,
            'T' => 1e12,
            _ => 0,
        };
        return scale > 0 && double.TryParse(label[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value * scale : null;
    }
}
