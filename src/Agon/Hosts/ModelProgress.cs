namespace Agon.Hosts;

/// <summary>Progress of a long model operation (load, download), for the terminal to draw.</summary>
internal sealed record ModelProgress(string Model, string Stage, double? Fraction = null, long? CompletedBytes = null, long? TotalBytes = null);
