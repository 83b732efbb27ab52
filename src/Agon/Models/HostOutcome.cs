using Agon.Hosts;

namespace Agon.Models;

/// <summary>What one host answered, or the one-line reason it could not.</summary>
internal sealed record HostOutcome<T>(IModelHost Host, T? Value, string? Error)
{
    public bool Failed => Error is not null;
}
