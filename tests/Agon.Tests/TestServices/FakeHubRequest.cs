namespace Agon.Tests.TestServices;

/// <summary>One request the <see cref="FakeHub"/> received.</summary>
internal sealed record FakeHubRequest(string Method, string Path, string? Authorization, string? Range, string? UserAgent);
