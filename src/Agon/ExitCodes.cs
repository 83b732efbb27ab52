namespace Agon;

/// <summary>The process exit codes Agon uses, and their meaning for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>The operation failed: a server error, an unreachable host, a partial failure.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the configuration is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The user cancelled (Ctrl+C or SIGTERM).</summary>
    public const int Cancelled = 130;
}
