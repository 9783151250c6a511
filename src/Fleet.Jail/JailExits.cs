using System.Diagnostics;
using Fleet.Jail.Bundles;
using Fleet.Jail.Processes;

namespace Fleet.Jail;

/// <summary>The two ways the runtime learns that a jail ended, and how it tells what ended it.</summary>
internal static class JailExits
{
    public const string StatusLost = "exit status lost: the agent restarted while the workload ran";

    private const int SigKill = 9;

    /// <summary>Waits for a jail this process started; its PID 1 is our child.</summary>
    public static async Task<JailExit> FromProcessAsync(Process process, JailFootprint footprint, long oomKillsAtStart)
    {
        await process.WaitForExitAsync();
        // .NET reports a death by signal as 128 + the signal, as shells do.
        return Ended(footprint, oomKillsAtStart, process.ExitCode);
    }

    /// <summary>
    /// Waits for a jail an earlier agent started: it is not our child, so there is no wait status
    /// to collect; its going away is seen by polling /proc, and its end read from the exit file.
    /// </summary>
    public static async Task<JailExit> WhenGoneAsync(JailState state, JailFootprint footprint, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (ProcessStat.IsAlive(state.Pid, state.StartTime))
        {
            await timer.WaitForNextTickAsync(cancellationToken);
        }

        return Ended(footprint, state.OomKillsAtStart, initExitCode: null);
    }

    /// <summary>
    /// How a jail whose PID 1 is gone ended. In order: the init's setup or execve failure (the
    /// status file); the workload's end as the reaper recorded it (the exit file); PID 1's own
    /// exit (it was killed, so the reaper wrote nothing, and its end is the workload's); lost.
    /// Reads the cgroup, so call it before the cgroup is removed.
    /// </summary>
    public static JailExit Ended(JailFootprint footprint, long oomKillsAtStart, int? initExitCode)
    {
        if (footprint.Bundle.ReadStatus() is { } failure)
        {
            return new JailExit(null, failure);
        }

        var end = footprint.Bundle.ReadExit();
        int exitCode;
        bool killed;
        if (end is not null)
        {
            exitCode = end.ExitCode;
            killed = end.Signal == SigKill;
        }
        else if (initExitCode is { } code)
        {
            exitCode = code;
            killed = code == 128 + SigKill;
        }
        else
        {
            return new JailExit(null, StatusLost);
        }

        // Both, as issue 3 asks: a SIGKILL alone may be anyone's kill -9, and the counter alone may
        // count a helper process the OOM killer chose while the workload survived.
        return new JailExit(exitCode, null) { OomKilled = killed && footprint.OomKills() > oomKillsAtStart };
    }
}
