using Agon.Metrics;

namespace Agon.Accuracy;

/// <summary>One test asked of one target once: the answer, how it scored, how it failed, what it measured.</summary>
internal sealed record AccuracyRecord
{
    public required DateTimeOffset Time { get; init; }

    public required string RunId { get; init; }

    public required string Host { get; init; }

    public required string Model { get; init; }

    public required AccuracyTest Test { get; init; }

    /// <summary>1-based run number (of <see cref="AccuracyOptions.Runs"/>).</summary>
    public int Run { get; init; } = 1;

    /// <summary>The prompt as sent (after retrieval, if any).</summary>
    public required string Prompt { get; init; }

    public string Response { get; init; } = "";

    public string? Reasoning { get; init; }

    public required AccuracyScore Score { get; init; }

    public string? Error { get; init; }

    /// <summary>With <see cref="Error"/>: timeout, refused, server or other.</summary>
    public string? ErrorKind { get; init; }

    public ResponseMetrics Metrics { get; init; } = new();

    public IReadOnlyList<Mcp.ToolActivity> ToolCalls { get; init; } = [];

    public string? RagMode { get; init; }

    public AccuracyRetrieval? Retrieval { get; init; }

    /// <summary>The host's timeout, for agon's <c>deadlineTimeout</c>.</summary>
    public TimeSpan Timeout { get; init; }

    public string Label => $"{Host}/{Model}";

    /// <summary>For the JSON validity rate: the <c>is-json</c> verdict, and a failed request counts as invalid; null when the test does not check.</summary>
    public bool? JsonValid => Score.JsonValid ?? (Error is not null && Test.Checks("is-json") ? false : null);

    /// <summary>For the tool-call success rate: the <c>tool-call</c> verdict, and a failed request counts as a miss; null when the test does not check.</summary>
    public bool? ToolCallOk => Score.ToolCallOk ?? (Error is not null && Test.Checks("tool-call") ? false : null);
}
