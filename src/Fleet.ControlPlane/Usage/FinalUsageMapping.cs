using Fleet.Grains;
using Google.Protobuf.WellKnownTypes;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Usage;

/// <summary>A workload's final accounting between the wire (<see cref="Proto.FinalUsage"/>) and the workload grain's record.</summary>
internal static class FinalUsageMapping
{
    public static WorkloadFinalUsage? ToGrain(this Proto.FinalUsage? usage, DateTimeOffset now)
    {
        if (usage is null)
        {
            return null;
        }

        var io = usage.Io ?? new Proto.IoUsage();
        var network = usage.Network ?? new Proto.NetworkUsage();
        return new WorkloadFinalUsage(
            usage.At?.ToDateTimeOffset() ?? now,
            usage.CpuUsageNanos,
            usage.CpuUserNanos,
            usage.CpuSystemNanos,
            usage.CpuThrottledPeriods,
            usage.CpuThrottledNanos,
            usage.MemoryPeakBytes,
            // An agent that says OOM-killed without a count still saw one.
            usage.OomKilled ? Math.Max(1, usage.OomKills) : usage.OomKills,
            io.ReadBytes,
            io.WriteBytes,
            io.ReadOps,
            io.WriteOps,
            network.ReceiveBytes,
            network.TransmitBytes,
            network.ReceivePackets,
            network.TransmitPackets,
            network.ReceiveErrors,
            network.TransmitErrors,
            network.ReceiveDrops,
            network.TransmitDrops);
    }

    public static Proto.FinalUsage ToProto(this WorkloadFinalUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new Proto.FinalUsage
        {
            At = Timestamp.FromDateTimeOffset(usage.At),
            CpuUsageNanos = usage.CpuUsageNanos,
            CpuUserNanos = usage.CpuUserNanos,
            CpuSystemNanos = usage.CpuSystemNanos,
            CpuThrottledPeriods = usage.CpuThrottledPeriods,
            CpuThrottledNanos = usage.CpuThrottledNanos,
            MemoryPeakBytes = usage.MemoryPeakBytes,
            OomKilled = usage.OomKills > 0,
            OomKills = usage.OomKills,
            Io = new Proto.IoUsage { ReadBytes = usage.IoReadBytes, WriteBytes = usage.IoWriteBytes, ReadOps = usage.IoReadOps, WriteOps = usage.IoWriteOps },
            Network = new Proto.NetworkUsage
            {
                ReceiveBytes = usage.NetworkReceiveBytes,
                TransmitBytes = usage.NetworkTransmitBytes,
                ReceivePackets = usage.NetworkReceivePackets,
                TransmitPackets = usage.NetworkTransmitPackets,
                ReceiveErrors = usage.NetworkReceiveErrors,
                TransmitErrors = usage.NetworkTransmitErrors,
                ReceiveDrops = usage.NetworkReceiveDrops,
                TransmitDrops = usage.NetworkTransmitDrops,
            },
        };
    }
}
