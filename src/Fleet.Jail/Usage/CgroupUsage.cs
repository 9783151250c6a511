namespace Fleet.Jail.Usage;

/// <summary>
/// One reading of a jail's cgroup. Mutable and meant to be reused: a reader fills the same instance
/// on every sample, so sampling allocates nothing. Counters are cumulative since the cgroup was
/// created; <see cref="Fields"/> says which were available. Units are in the names.
/// </summary>
public sealed class CgroupUsage
{
    public CgroupUsageFields Fields { get; set; }

    public long CpuUsageNanos { get; set; }

    public long CpuUserNanos { get; set; }

    public long CpuSystemNanos { get; set; }

    public long CpuPeriods { get; set; }

    public long CpuThrottledPeriods { get; set; }

    public long CpuThrottledNanos { get; set; }

    public long MemoryUsageBytes { get; set; }

    /// <summary>Usage minus inactive file pages, never below zero (cAdvisor's working set).</summary>
    public long MemoryWorkingSetBytes { get; set; }

    public long MemoryRssBytes { get; set; }

    public long MemoryCacheBytes { get; set; }

    public long MemorySwapBytes { get; set; }

    public long MemoryPeakBytes { get; set; }

    public long OomKills { get; set; }

    public long PidsCurrent { get; set; }

    public long PidsLimitHits { get; set; }

    public long IoReadBytes { get; set; }

    public long IoWriteBytes { get; set; }

    public long IoReadOps { get; set; }

    public long IoWriteOps { get; set; }

    public PressureStall CpuPressure { get; set; }

    public PressureStall MemoryPressure { get; set; }

    public PressureStall IoPressure { get; set; }

    public bool Has(CgroupUsageFields fields) => (Fields & fields) == fields;

    /// <summary>Sets every counter to zero and <see cref="Fields"/> to none.</summary>
    public void Clear()
    {
        Fields = CgroupUsageFields.None;
        CpuUsageNanos = CpuUserNanos = CpuSystemNanos = 0;
        CpuPeriods = CpuThrottledPeriods = CpuThrottledNanos = 0;
        MemoryUsageBytes = MemoryWorkingSetBytes = MemoryRssBytes = MemoryCacheBytes = MemorySwapBytes = MemoryPeakBytes = 0;
        OomKills = PidsCurrent = PidsLimitHits = 0;
        IoReadBytes = IoWriteBytes = IoReadOps = IoWriteOps = 0;
        CpuPressure = MemoryPressure = IoPressure = default;
    }

    /// <summary>Copies every value of <paramref name="other"/> into this one.</summary>
    public void CopyFrom(CgroupUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Fields = other.Fields;
        CpuUsageNanos = other.CpuUsageNanos;
        CpuUserNanos = other.CpuUserNanos;
        CpuSystemNanos = other.CpuSystemNanos;
        CpuPeriods = other.CpuPeriods;
        CpuThrottledPeriods = other.CpuThrottledPeriods;
        CpuThrottledNanos = other.CpuThrottledNanos;
        MemoryUsageBytes = other.MemoryUsageBytes;
        MemoryWorkingSetBytes = other.MemoryWorkingSetBytes;
        MemoryRssBytes = other.MemoryRssBytes;
        MemoryCacheBytes = other.MemoryCacheBytes;
        MemorySwapBytes = other.MemorySwapBytes;
        MemoryPeakBytes = other.MemoryPeakBytes;
        OomKills = other.OomKills;
        PidsCurrent = other.PidsCurrent;
        PidsLimitHits = other.PidsLimitHits;
        IoReadBytes = other.IoReadBytes;
        IoWriteBytes = other.IoWriteBytes;
        IoReadOps = other.IoReadOps;
        IoWriteOps = other.IoWriteOps;
        CpuPressure = other.CpuPressure;
        MemoryPressure = other.MemoryPressure;
        IoPressure = other.IoPressure;
    }
}
