namespace Agon;

/// <summary>
/// An expected failure with a message meant for the user (one line) and the exit code that goes with it.
/// Created through the named factories of each subsystem; never shown with a stack trace.
/// </summary>
internal class AgonException : Exception
{
    public AgonException(string message, int exitCode = ExitCodes.Failed, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code the process ends with when this failure reaches the top.</summary>
    public int ExitCode { get; }

    /// <summary>A usage error (exit code 2): the command line asks for something impossible.</summary>
    public static AgonException Usage(string message) => new(message, ExitCodes.Usage);
}
