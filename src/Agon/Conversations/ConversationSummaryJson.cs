using System.Globalization;

namespace Agon.Conversations;

/// <summary>One conversation of <c>agon history --json</c> (times as ISO 8601 round-trip text).</summary>
internal sealed record ConversationSummaryJson(long Id, string Created, string Updated, string Mode, IReadOnlyList<string> Targets, string FirstPrompt, int Turns, long? Parent)
{
    public static ConversationSummaryJson From(ConversationSummary s) =>
        new(s.Id, Stamp(s.Created), Stamp(s.Updated), s.Mode, s.Targets, s.FirstPrompt, s.Turns, s.ParentId);

    public static string Stamp(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
