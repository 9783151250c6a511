using Google.Protobuf.WellKnownTypes;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Usage;

/// <summary>
/// A tenant's usage: the sum over its running workloads. There are no namespaces yet, so every
/// workload belongs to <see cref="DefaultTenant"/>; once workloads carry a namespace, the sum is
/// taken over that namespace's workloads only.
/// </summary>
internal static class TenantUsageRollup
{
    public const string DefaultTenant = "default";

    public static Proto.TenantUsage Sum(string tenant, IEnumerable<Proto.WorkloadUsage> running, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(running);
        var usage = new Proto.TenantUsage
        {
            Tenant = tenant,
            At = Timestamp.FromDateTimeOffset(now),
            Allocated = new Proto.Resources(),
            Io = new Proto.IoUsage(),
            Network = new Proto.NetworkUsage(),
        };
        foreach (var sample in running)
        {
            usage.RunningWorkloads++;
            if (sample.Cpu is { } cpu)
            {
                usage.CpuCores += cpu.Cores;
                usage.Allocated.CpuMillis += cpu.LimitMillis;
            }

            if (sample.Memory is { } memory)
            {
                usage.MemoryWorkingSetBytes += memory.WorkingSetBytes;
                usage.MemoryUsageBytes += memory.UsageBytes;
                usage.Allocated.MemoryBytes += memory.LimitBytes;
            }

            if (sample.Io is { } io)
            {
                usage.Io.ReadBytes += io.ReadBytes;
                usage.Io.WriteBytes += io.WriteBytes;
                usage.Io.ReadOps += io.ReadOps;
                usage.Io.WriteOps += io.WriteOps;
            }

            if (sample.Network is { } network)
            {
                usage.Network.ReceiveBytes += network.ReceiveBytes;
                usage.Network.TransmitBytes += network.TransmitBytes;
                usage.Network.ReceivePackets += network.ReceivePackets;
                usage.Network.TransmitPackets += network.TransmitPackets;
                usage.Network.ReceiveErrors += network.ReceiveErrors;
                usage.Network.TransmitErrors += network.TransmitErrors;
                usage.Network.ReceiveDrops += network.ReceiveDrops;
                usage.Network.TransmitDrops += network.TransmitDrops;
            }
        }

        return usage;
    }
}
