using Fleet.Contracts.V1;
using Fleet.Jail.Usage;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.Agent.Usage;

/// <summary>Samples as the heartbeat carries them. Parts the node could not read are left out, not sent as zero.</summary>
internal static class UsageProto
{
    public static WorkloadUsage Workload(TrackedWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var usage = workload.Current;
        var sample = new WorkloadUsage { WorkloadId = workload.Id, Name = workload.Name, At = Timestamp.FromDateTimeOffset(workload.At) };
        if (usage.Has(CgroupUsageFields.Cpu))
        {
            sample.Cpu = new CpuUsage
            {
                Cores = workload.CpuCores,
                UsageNanos = usage.CpuUsageNanos,
                UserNanos = usage.CpuUserNanos,
                SystemNanos = usage.CpuSystemNanos,
                Periods = usage.CpuPeriods,
                ThrottledPeriods = usage.CpuThrottledPeriods,
                ThrottledNanos = usage.CpuThrottledNanos,
                LimitMillis = workload.CpuMillis,
            };
        }

        if (usage.Has(CgroupUsageFields.Memory))
        {
            sample.Memory = new MemoryUsage
            {
                UsageBytes = usage.MemoryUsageBytes,
                WorkingSetBytes = usage.MemoryWorkingSetBytes,
                RssBytes = usage.MemoryRssBytes,
                CacheBytes = usage.MemoryCacheBytes,
                SwapBytes = usage.MemorySwapBytes,
                PeakBytes = workload.PeakMemoryBytes,
                LimitBytes = workload.MemoryLimitBytes,
                OomKills = usage.OomKills,
            };
        }

        if (usage.Has(CgroupUsageFields.Pids))
        {
            sample.Pids = new PidsUsage { Current = usage.PidsCurrent, LimitHits = usage.PidsLimitHits };
        }

        if (usage.Has(CgroupUsageFields.Io))
        {
            sample.Io = new IoUsage { ReadBytes = usage.IoReadBytes, WriteBytes = usage.IoWriteBytes, ReadOps = usage.IoReadOps, WriteOps = usage.IoWriteOps };
        }

        if (workload.HasNetwork)
        {
            sample.Network = Network(workload.Network);
        }

        if (usage.Has(CgroupUsageFields.CpuPressure))
        {
            sample.CpuPressure = Pressure(usage.CpuPressure);
        }

        if (usage.Has(CgroupUsageFields.MemoryPressure))
        {
            sample.MemoryPressure = Pressure(usage.MemoryPressure);
        }

        if (usage.Has(CgroupUsageFields.IoPressure))
        {
            sample.IoPressure = Pressure(usage.IoPressure);
        }

        return sample;
    }

    public static NodeUsage Node(string nodeId, NodeUsageState node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new NodeUsage
        {
            NodeId = nodeId,
            At = Timestamp.FromDateTimeOffset(node.At),
            Capacity = new Resources { CpuMillis = node.CapacityCpuMillis, MemoryBytes = node.CapacityMemoryBytes },
            Reserved = new Resources { CpuMillis = node.ReservedCpuMillis, MemoryBytes = node.ReservedMemoryBytes },
            Allocatable = new Resources { CpuMillis = node.AllocatableCpuMillis, MemoryBytes = node.AllocatableMemoryBytes },
            Allocated = new Resources { CpuMillis = node.AllocatedCpuMillis, MemoryBytes = node.AllocatedMemoryBytes },
            UsedCpuCores = node.UsedCpuCores,
            UsedMemoryBytes = node.UsedMemoryBytes,
            RunningWorkloads = node.RunningWorkloads,
            Host = new HostUsage
            {
                CpuCores = node.HostCpuCores,
                MemoryTotalBytes = node.HostMemoryTotalBytes,
                MemoryAvailableBytes = node.HostMemoryAvailableBytes,
            },
        };
    }

    public static NetworkUsage Network(NetworkCounters network) => new()
    {
        ReceiveBytes = network.ReceiveBytes,
        TransmitBytes = network.TransmitBytes,
        ReceivePackets = network.ReceivePackets,
        TransmitPackets = network.TransmitPackets,
        ReceiveErrors = network.ReceiveErrors,
        TransmitErrors = network.TransmitErrors,
        ReceiveDrops = network.ReceiveDrops,
        TransmitDrops = network.TransmitDrops,
    };

    private static Contracts.V1.PressureStall Pressure(Jail.Usage.PressureStall pressure) => new()
    {
        SomeAvg10 = pressure.SomeAvg10,
        FullAvg10 = pressure.FullAvg10,
        SomeTotalMicros = pressure.SomeTotalMicros,
        FullTotalMicros = pressure.FullTotalMicros,
    };
}
