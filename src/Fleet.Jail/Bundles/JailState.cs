namespace Fleet.Jail.Bundles;

/// <summary>
/// What the runtime knows about a started jail's process, kept beside its bundle so that a
/// restarted agent can find it again.
/// </summary>
/// <param name="Pid">Host PID of the jail's first process.</param>
/// <param name="StartTime">Its start time from /proc/PID/stat (clock ticks since boot): a PID reused by another process has another start time.</param>
/// <param name="OomKillsAtStart">The cgroup's oom_kill counter when the jail started: only a rise after it is this jail's OOM kill.</param>
internal sealed record JailState(int Pid, ulong StartTime, long OomKillsAtStart = 0);
