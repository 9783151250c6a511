using Fleet.Domain;
using Fleet.Scheduling.Placement;

namespace Fleet.Scheduling;

/// <summary>
/// Whether a workload fits a node, and in words why not. Used by <see cref="FirstFitPlacementPolicy"/>
/// and by the node grain, which checks the same rules against its own authoritative numbers; the
/// <see cref="Placer"/> words its resource rejections the same way.
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

        var free = ResourceVector.From(capacity.Subtract(allocated));
        var demand = ResourceVector.From(request);
        var shortOf = ResourceText.ShortOf(demand, free, pidsAccounted: false);
        return shortOf == 0 ? null : ResourceText.Shortages(demand, free, shortOf);
    }
}
