using System.Collections.Immutable;
using Fleet.Domain;

namespace Fleet.Scheduling;

/// <summary>A node as the placer sees it in a snapshot of the cluster. The view may lag the node's own grain.</summary>
/// <param name="Id">The node's name.</param>
/// <param name="Ready">Heard from within the heartbeat timeout; nothing new is placed on a node that is not.</param>
/// <param name="Capacity">What the node offers in total.</param>
/// <param name="Allocated">The sum of what the workloads placed on it asked for.</param>
/// <param name="RootfsNames">The root file systems the node can run workloads on.</param>
public sealed record NodeCandidate(
    string Id,
    bool Ready,
    ResourceRequest Capacity,
    ResourceRequest Allocated,
    ImmutableArray<string> RootfsNames)
{
    /// <summary>What is left for new workloads; negative parts mean the node is overcommitted.</summary>
    public ResourceRequest Free => Capacity.Subtract(Allocated);
}
