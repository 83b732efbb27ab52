using System.Runtime.InteropServices;
using System.Text;
using Agon;
using Agon.Cli;
using Agon.Terminal;

var environment = new SystemEnvironment();

// stdout is buffered (AgonConsole flushes it at line ends and every few milliseconds); stderr writes through.
var encoding = Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage ? new UTF8Encoding(false) : Console.OutputEncoding;
await using var stdout = new StreamWriter(Console.OpenStandardOutput(), encoding, 64 * 1024) { AutoFlush = false };
var console = new AgonConsole(stdout, Console.Error, ConsoleCapabilities.Detect(environment), Console.In, TimeProvider.System);
using var cancellation = new CancellationTokenSource();

// The first Ctrl+C cancels the running operation (exit 130); a second one ends the process at once.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

var app = new AgonApp(new AgonServices(console, environment, TimeProvider.System));
try
{
    return await app.RunAsync(args, cancellation.Token);
}
finally
{
    console.Flush();
}
