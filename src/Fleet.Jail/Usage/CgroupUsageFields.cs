namespace Fleet.Jail.Usage;

/// <summary>Which parts of a <see cref="CgroupUsage"/> the kernel provided: a missing controller or file leaves its part unset, not zero.</summary>
[Flags]
public enum CgroupUsageFields
{
    None = 0,

    /// <summary>CPU time: total, user, system.</summary>
    Cpu = 1 << 0,

    /// <summary>CFS periods, throttled periods and throttled time (needs the cpu controller).</summary>
    CpuThrottling = 1 << 1,

    /// <summary>Usage, working set, RSS and cache.</summary>
    Memory = 1 << 2,

    MemoryPeak = 1 << 3,

    MemorySwap = 1 << 4,

    OomKills = 1 << 5,

    Pids = 1 << 6,

    Io = 1 << 7,

    CpuPressure = 1 << 8,

    MemoryPressure = 1 << 9,

    IoPressure = 1 << 10,
}
