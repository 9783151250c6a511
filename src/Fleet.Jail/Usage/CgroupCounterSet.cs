namespace Fleet.Jail.Usage;

/// <summary>Which counters a <see cref="CgroupUsageReader.Read"/> reads.</summary>
public enum CgroupCounterSet
{
    /// <summary>Every counter.</summary>
    All,

    /// <summary>
    /// Only what a rate or a live view needs each second: CPU time and throttling, memory usage,
    /// working set, RSS, cache (and swap on v1), pids current. Peak memory, OOM kills, pids limit
    /// hits, I/O and pressure keep the values they had in the <see cref="CgroupUsage"/> passed in:
    /// pass the previous reading. Fewer files per sample: 6 of 11 on v1, 4 of 12 on v2.
    /// </summary>
    Frequent,
}
