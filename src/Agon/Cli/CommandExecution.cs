using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>The one place where a command's outcome becomes an exit code and a message.</summary>
internal static class CommandExecution
{
    public static async Task<int> RunAsync(CommandContext context, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var console = context.Console;
        try
        {
            return await body(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Streamed text may have left stdout mid-line: "cancelled" starts on a line of its own.
            console.EndLine();
            console.WriteNote("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (ConfigException ex)
        {
            foreach (var warning in ex.Warnings)
            {
                console.WriteWarning(SecretRedactor.Redact(warning));
            }

            foreach (var error in ex.Errors)
            {
                console.WriteError(SecretRedactor.Redact(error));
            }

            return ex.ExitCode;
        }
        catch (AgonException ex)
        {
            console.WriteError(ConsoleText.OneLine(SecretRedactor.Redact(ex.Message)));
            return ex.ExitCode;
        }
        catch (OperationCanceledException ex)
        {
            console.WriteError("the operation timed out");
            Record(context, ex);
            return ExitCodes.Failed;
        }
        // The top-level error mapping: whatever else escapes a command becomes one line and the failure exit code.
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var details = Record(context, ex) is { } log ? $" (details in {log})" : "";
            console.WriteError($"unexpected failure: {ConsoleText.OneLine(SecretRedactor.Redact(ex.Message))}{details}");
            return ExitCodes.Failed;
        }
        finally
        {
            context.CloseLog();
        }
    }

    /// <summary>Writes the failure with its stack trace to the log; the log's path, or null when it cannot be written.</summary>
    private static string? Record(CommandContext context, Exception ex)
    {
        var log = context.FailureLog;
        log.Write($"ERROR {ex}");
        return log.Problem is null ? log.Path : null;
    }
}
