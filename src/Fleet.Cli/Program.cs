using System.Runtime.InteropServices;
using Fleet.Cli;

using var interrupted = new CancellationTokenSource();

// Ctrl+C or SIGTERM cancels the running command, which then exits with ExitCodes.Interrupted
// after it has stopped cleanly (closed its streams) instead of dying mid-write.
void Interrupt(PosixSignalContext signal)
{
    signal.Cancel = true;
    interrupted.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

return await FleetCli.RunAsync(args, Console.Out, Console.Error, CliEnvironment.System, interrupted.Token);
