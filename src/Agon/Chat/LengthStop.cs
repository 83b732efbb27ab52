using System.Globalization;

namespace Agon.Chat;

/// <summary>Why an answer that stopped for length stopped: at the limit asked for, or with the context full.</summary>
internal static class LengthStop
{
    /// <summary>"stopped at the 40-token limit", "the context is full", or null when the answer did not stop for length.</summary>
    public static string? Of(ChatOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.FinishReason != "length" || outcome.Failed)
        {
            return null;
        }

        if (outcome.MaxTokens is > 0 and var limit
            && (outcome.Metrics.CompletionTokens is not { } generated || generated.Value >= limit))
        {
            return string.Create(CultureInfo.InvariantCulture, $"stopped at the {limit}-token limit");
        }

        return "the context is full";
    }
}
