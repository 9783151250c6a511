using Fleet.Domain;
using Fleet.Grains;

namespace Fleet.ControlPlane.Workloads;

/// <summary>What validation needs to know about the cluster, read from the node index's view.</summary>
internal static class ClusterLimitsMapping
{
    /// <summary>
    /// The most CPU and the most memory any one registered node has (down nodes count: they may
    /// come back), and every rootfs some node offers. No nodes: limits unknown, nothing is
    /// rejected for size or rootfs, and the workload waits for a node.
    /// </summary>
    public static WorkloadValidation.ClusterLimits ToClusterLimits(this IReadOnlyCollection<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return WorkloadValidation.ClusterLimits.Unknown;
        }

        var largest = new ResourceRequest(
            nodes.Max(node => node.CapacityMemoryBytes),
            nodes.Max(node => node.CapacityCpuMillis));
        var rootfs = nodes.SelectMany(node => node.RootfsNames.IsDefault ? [] : node.RootfsNames).ToHashSet(StringComparer.Ordinal);
        return new WorkloadValidation.ClusterLimits(largest, rootfs);
    }
}
