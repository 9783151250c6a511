namespace Fleet.Grains;

/// <summary>
/// What a workload used in all, as its node read it right after its end (before its cgroup was
/// removed); stored with the workload. CPU times in nanoseconds, memory and I/O in bytes.
/// Network counters are as of the node's last sample while it ran.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadFinalUsage")]
public sealed record WorkloadFinalUsage(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long CpuUsageNanos,
    [property: Id(2)] long CpuUserNanos,
    [property: Id(3)] long CpuSystemNanos,
    [property: Id(4)] long CpuThrottledPeriods,
    [property: Id(5)] long CpuThrottledNanos,
    [property: Id(6)] long MemoryPeakBytes,
    [property: Id(7)] long OomKills,
    [property: Id(8)] long IoReadBytes,
    [property: Id(9)] long IoWriteBytes,
    [property: Id(10)] long IoReadOps,
    [property: Id(11)] long IoWriteOps,
    [property: Id(12)] long NetworkReceiveBytes,
    [property: Id(13)] long NetworkTransmitBytes,
    [property: Id(14)] long NetworkReceivePackets,
    [property: Id(15)] long NetworkTransmitPackets,
    [property: Id(16)] long NetworkReceiveErrors,
    [property: Id(17)] long NetworkTransmitErrors,
    [property: Id(18)] long NetworkReceiveDrops,
    [property: Id(19)] long NetworkTransmitDrops);
