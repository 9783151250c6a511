using System.Diagnostics;
using Fleet.Jail.Bundles;
using Fleet.Jail.Processes;

namespace Fleet.Jail;

/// <summary>The two ways the runtime learns that a jail ended.</summary>
internal static class JailExits
{
    public const string StatusLost = "exit status lost: the agent restarted while the workload ran";

    /// <summary>
    /// Waits for a jail this process started. When the init failed before the workload's execve
    /// it left "op path: strerror" in the bundle's status file; that becomes the failure reason.
    /// </summary>
    public static async Task<JailExit> FromProcessAsync(Process process, JailBundle bundle)
    {
        await process.WaitForExitAsync();
        var status = bundle.ReadStatus();
        // .NET reports a death by signal as 128 + the signal, as shells do.
        return status is null ? new JailExit(process.ExitCode, null) : new JailExit(null, status);
    }

    /// <summary>
    /// Waits for a jail an earlier agent started: it is not our child, so there is no wait status
    /// to collect; its going away is seen by polling /proc.
    /// </summary>
    public static async Task<JailExit> WhenGoneAsync(JailState state, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (ProcessStat.IsAlive(state.Pid, state.StartTime))
        {
            await timer.WaitForNextTickAsync(cancellationToken);
        }

        return new JailExit(null, StatusLost);
    }
}
