namespace Agon.Tests.TestServices;

/// <summary>What one in-process run of <c>agon</c> produced.</summary>
internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}
