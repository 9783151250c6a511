using Fleet.Contracts.V1;
using Fleet.Jail.Usage;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.Agent.Usage;

/// <summary>
/// What a workload used in all, read from its cgroup right after its end and before the cgroup is
/// removed; kept in the workload's durable record so an agent restart before delivery loses nothing.
/// </summary>
/// <param name="At">When it was read.</param>
/// <param name="Network">As of the last sample while it ran: the network namespace ends with the workload's last process.</param>
internal sealed record WorkloadFinalUsage(
    DateTimeOffset At,
    long CpuUsageNanos,
    long CpuUserNanos,
    long CpuSystemNanos,
    long CpuThrottledPeriods,
    long CpuThrottledNanos,
    long MemoryPeakBytes,
    long OomKills,
    long IoReadBytes,
    long IoWriteBytes,
    long IoReadOps,
    long IoWriteOps,
    NetworkCounters Network)
{
    public static WorkloadFinalUsage From(DateTimeOffset at, CgroupUsage usage, long peakMemoryBytes, NetworkCounters network)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new WorkloadFinalUsage(
            at,
            usage.CpuUsageNanos,
            usage.CpuUserNanos,
            usage.CpuSystemNanos,
            usage.CpuThrottledPeriods,
            usage.CpuThrottledNanos,
            Math.Max(peakMemoryBytes, usage.MemoryPeakBytes),
            usage.OomKills,
            usage.IoReadBytes,
            usage.IoWriteBytes,
            usage.IoReadOps,
            usage.IoWriteOps,
            network);
    }

    public FinalUsage ToProto() => new()
    {
        At = Timestamp.FromDateTimeOffset(At),
        CpuUsageNanos = CpuUsageNanos,
        CpuUserNanos = CpuUserNanos,
        CpuSystemNanos = CpuSystemNanos,
        CpuThrottledPeriods = CpuThrottledPeriods,
        CpuThrottledNanos = CpuThrottledNanos,
        MemoryPeakBytes = MemoryPeakBytes,
        OomKilled = OomKills > 0,
        OomKills = OomKills,
        Io = new IoUsage { ReadBytes = IoReadBytes, WriteBytes = IoWriteBytes, ReadOps = IoReadOps, WriteOps = IoWriteOps },
        Network = UsageProto.Network(Network),
    };
}
