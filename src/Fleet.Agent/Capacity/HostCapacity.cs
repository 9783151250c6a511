using Fleet.Contracts.V1;

namespace Fleet.Agent.Capacity;

/// <summary>What this node offers to workloads: the host's CPU and memory, bounded by the agent's own cgroup, unless configured.</summary>
internal static class HostCapacity
{
    /// <param name="options">CpuMillis and MemoryBytes, when set, win over what the host says.</param>
    /// <param name="root">File system root to read /proc and /sys under ("/" on a real host).</param>
    /// <param name="processorCount">Cores the runtime sees (<see cref="Environment.ProcessorCount"/>).</param>
    public static Resources Read(AgentOptions options, string root, int processorCount)
    {
        ArgumentNullException.ThrowIfNull(options);

        var cores = processorCount * 1000L;
        var cpu = options.CpuMillis ?? (CgroupLimits.ReadCpuMillis(root) is { } quota ? Math.Min(quota, cores) : cores);

        var total = MemInfo.ReadTotalBytes(root);
        var limit = CgroupLimits.ReadMemoryBytes(root);
        var memory = options.MemoryBytes ?? (total, limit) switch
        {
            ({ } t, { } l) => Math.Min(t, l),
            ({ } t, null) => t,
            (null, { } l) => l,
            _ => 0,
        };

        return new Resources { CpuMillis = cpu, MemoryBytes = memory };
    }
}
