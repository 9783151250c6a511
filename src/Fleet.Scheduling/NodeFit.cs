using Fleet.Domain;

namespace Fleet.Scheduling;

/// <summary>
/// Whether a workload fits a node, and in words why not. Shared by every policy and by the node
/// grain, which checks the same rules against its own authoritative numbers.
/// </summary>
public static class NodeFit
{
    /// <summary>Null when the request fits the node; otherwise the first reason it does not.</summary>
    public static string? WhyNot(NodeCandidate node, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(request);

        if (!node.Ready)
        {
            return "down";
        }

        if (!node.RootfsNames.Contains(request.Rootfs, StringComparer.Ordinal))
        {
            return $"has no rootfs \"{request.Rootfs}\"";
        }

        return WhyNoRoom(node.Capacity, node.Allocated, request.Resources);
    }

    /// <summary>Null when <paramref name="request"/> fits beside <paramref name="allocated"/>; otherwise what is short.</summary>
    public static string? WhyNoRoom(ResourceRequest capacity, ResourceRequest allocated, ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(allocated);
        ArgumentNullException.ThrowIfNull(request);

        var free = capacity.Subtract(allocated);
        var shortages = new List<string>(2);
        if (request.CpuMillis > free.CpuMillis)
        {
            shortages.Add($"needs {Quantity.FormatCpu(request.CpuMillis)} CPU, {Quantity.FormatCpu(Math.Max(0, free.CpuMillis))} free");
        }

        if (request.MemoryBytes > free.MemoryBytes)
        {
            shortages.Add($"needs {Quantity.FormatMemory(request.MemoryBytes)} memory, {Quantity.FormatMemory(Math.Max(0, free.MemoryBytes))} free");
        }

        return shortages.Count == 0 ? null : string.Join(", ", shortages);
    }
}
