using Fleet.Jail.Usage;

namespace Fleet.Agent.Usage;

/// <summary>One running workload as the sampler follows it; guarded by the sampler's lock.</summary>
internal sealed class TrackedWorkload(string id, string name, string cgroupPath, int hostPid, long cpuMillis, long memoryLimitBytes)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>Relative to each hierarchy: <c>&lt;CgroupParent&gt;/&lt;id&gt;</c>.</summary>
    public string CgroupPath { get; } = cgroupPath;

    /// <summary>The jail's first process: its /proc/PID/net/dev shows the jail's network namespace.</summary>
    public int HostPid { get; } = hostPid;

    public long CpuMillis { get; } = cpuMillis;

    public long MemoryLimitBytes { get; } = memoryLimitBytes;

    /// <summary>The latest reading; swapped with <see cref="Scratch"/> after each read, so nothing is allocated per sample.</summary>
    public CgroupUsage Current { get; set; } = new();

    public CgroupUsage Scratch { get; set; } = new();

    /// <summary>The cgroup's counter files, kept open between samples; closed when the workload is finished.</summary>
    public CounterHandles CgroupFiles { get; } = new();

    /// <summary>The jail's /proc/PID/net/dev, kept open: it still shows the namespace's counters after the last process ended.</summary>
    public CounterHandles NetworkFile { get; } = new();

    /// <summary>Frequent reads since the latest full one.</summary>
    public int SamplesSinceFullRead { get; set; }

    /// <summary>False until the first successful read.</summary>
    public bool HasSample { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> of the latest read: CPU rates use the monotonic clock.</summary>
    public long Timestamp { get; set; }

    /// <summary>Cores used between the two latest reads.</summary>
    public double CpuCores { get; set; }

    public double PeakCpuCores { get; set; }

    /// <summary>The highest memory usage seen: the kernel's own peak where it keeps one, else the highest sample.</summary>
    public long PeakMemoryBytes { get; set; }

    public NetworkCounters Network { get; set; }

    public bool HasNetwork { get; set; }

    /// <summary>Closes the kept files.</summary>
    public void Close()
    {
        CgroupFiles.Dispose();
        NetworkFile.Dispose();
    }
}
