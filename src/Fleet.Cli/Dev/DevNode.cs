using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Fleet.Cli.Dev;

/// <summary>
/// The processes of a single-node Fleet started by <c>fleet dev start</c>, found again by later
/// <c>fleet</c> invocations through their pid files.
/// </summary>
internal sealed class DevNode(DevLayout layout, ProcessTable processes, TimeProvider time)
{
    /// <summary>How long stopped processes get to exit on SIGTERM before they are killed.</summary>
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(15);

    /// <summary>The start of the line that opens each run's part of a log file.</summary>
    public const string RunMarker = "=== fleet dev start ";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The recorded processes that are still alive and still run their program.</summary>
    public IReadOnlyList<(DevComponent Component, int Pid)> Running() =>
        [.. DevComponent.All
            .Select(c => (Component: c, Pid: PidFile.Read(layout.PidFile(c))))
            .Where(r => r.Pid is { } pid && processes.IsRunning(pid, r.Component.ProgramName))
            .Select(r => (r.Component, r.Pid!.Value))];

    /// <summary>
    /// Starts <paramref name="component"/> from <paramref name="binDirectory"/> in a session of its
    /// own (so it outlives this CLI and its terminal), stdin from /dev/null, stdout and stderr appended
    /// to its log file, and records its pid.
    /// </summary>
    public Process Launch(DevComponent component, string binDirectory)
    {
        ArgumentNullException.ThrowIfNull(component);
        // .NET cannot redirect a child to a file, only to pipes that would die with us; a shell sets
        // up the redirections and then execs setsid, which (not being a process-group leader) execs
        // the program in place, so the pid we get is the program's.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; exec setsid \"$@\" </dev/null >>\"$log\" 2>&1");
        start.ArgumentList.Add("fleet-dev");
        start.ArgumentList.Add(layout.LogFile(component));
        start.ArgumentList.Add(component.ExecutablePath(binDirectory));
        foreach (var argument in component.Arguments(layout))
        {
            start.ArgumentList.Add(argument);
        }

        // Several runs append to one log: mark where this one begins.
        File.AppendAllText(layout.LogFile(component), $"{RunMarker}{time.GetUtcNow():O} {component.ExecutablePath(binDirectory)}\n");
        var process = Process.Start(start)
            ?? throw new CommandFailedException(ExitCodes.Internal, $"could not start {component.ExecutablePath(binDirectory)}");
        PidFile.Write(layout.PidFile(component), process.Id);
        return process;
    }

    /// <summary>
    /// SIGTERM to every recorded live process, SIGKILL to those still there after
    /// <see cref="StopGracePeriod"/>; then the pid files go. Returns what was stopped.
    /// </summary>
    public async Task<IReadOnlyList<(DevComponent Component, int Pid)>> StopAsync(CancellationToken cancellationToken)
    {
        var running = Running();
        await TerminateAsync(running, cancellationToken);
        foreach (var component in DevComponent.All)
        {
            PidFile.Delete(layout.PidFile(component));
        }

        return running;
    }

    /// <summary>
    /// Stops just the given processes (what one <c>fleet dev start</c> launched) and removes their pid
    /// files only if they still name them: a concurrent start may have recorded its own since.
    /// </summary>
    public async Task StopAsync(IReadOnlyList<(DevComponent Component, int Pid)> launched, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launched);
        await TerminateAsync([.. launched.Where(l => processes.IsRunning(l.Pid, l.Component.ProgramName))], cancellationToken);
        foreach (var (component, _) in launched.Where(l => PidFile.Read(layout.PidFile(l.Component)) == l.Pid))
        {
            PidFile.Delete(layout.PidFile(component));
        }
    }

    private async Task TerminateAsync(IReadOnlyList<(DevComponent Component, int Pid)> running, CancellationToken cancellationToken)
    {
        foreach (var (_, pid) in running)
        {
            Signal(pid, Interop.Libc.SIGTERM);
        }

        if (!await WaitForExitAsync(running, StopGracePeriod, cancellationToken))
        {
            foreach (var (_, pid) in running.Where(r => processes.IsRunning(r.Pid, r.Component.ProgramName)))
            {
                Signal(pid, Interop.Libc.SIGKILL);
            }

            await WaitForExitAsync(running, TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

    private async Task<bool> WaitForExitAsync(IReadOnlyList<(DevComponent Component, int Pid)> running, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (running.Any(r => processes.IsRunning(r.Pid, r.Component.ProgramName)))
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        return true;
    }

    private static void Signal(int pid, int signal)
    {
        if (Interop.Libc.Kill(pid, signal) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != Interop.Libc.ESRCH)
        {
            throw new CommandFailedException(ExitCodes.Internal,
                $"kill({pid}, {signal}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }
}
