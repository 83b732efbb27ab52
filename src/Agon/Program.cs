using System.Runtime.InteropServices;
using Agon;
using Agon.Cli;
using Agon.Terminal;

var environment = new SystemEnvironment();
var console = new AgonConsole(Console.Out, Console.Error, ConsoleCapabilities.Detect(environment), Console.In);
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
return await app.RunAsync(args, cancellation.Token);
