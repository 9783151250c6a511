namespace Fleet.Agent.Usage;

/// <summary>The node's roll-up as of the latest sampling round.</summary>
internal sealed record NodeUsageState(
    DateTimeOffset At,
    long CapacityCpuMillis,
    long CapacityMemoryBytes,
    long ReservedCpuMillis,
    long ReservedMemoryBytes,
    long AllocatedCpuMillis,
    long AllocatedMemoryBytes,
    double UsedCpuCores,
    long UsedMemoryBytes,
    int RunningWorkloads,
    double HostCpuCores,
    long HostMemoryTotalBytes,
    long HostMemoryAvailableBytes)
{
    public long AllocatableCpuMillis => Math.Max(0, CapacityCpuMillis - ReservedCpuMillis);

    public long AllocatableMemoryBytes => Math.Max(0, CapacityMemoryBytes - ReservedMemoryBytes);
}
