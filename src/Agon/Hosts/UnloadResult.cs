namespace Agon.Hosts;

/// <summary>The outcome of an unload that did not fail: done, or nothing to do (with a note why).</summary>
internal sealed record UnloadResult(bool WasLoaded, string? Note = null);
