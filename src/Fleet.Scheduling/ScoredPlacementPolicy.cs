namespace Fleet.Scheduling;

/// <summary>
/// The <see cref="Placer"/> behind the <see cref="IPlacementPolicy"/> the grains call today: builds a
/// snapshot from the node candidates on each call (O(nodes); a placer that keeps an evolving
/// <see cref="ClusterSnapshot"/> avoids that) and ranks them by bin-packing instead of first fit.
/// Candidates carry no labels, ports or workloads, so constraints, affinities, spreads and preemption
/// have nothing to work on through this adapter.
/// </summary>
public sealed class ScoredPlacementPolicy(PlacementOptions? options = null) : IPlacementPolicy
{
    private readonly Placer _placer = new(options);

    public PlacementDecision Place(IReadOnlyCollection<NodeCandidate> nodes, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return _placer.Place(ClusterSnapshot.Create(nodes.Select(ToClusterNode)), request);
    }

    public static ClusterNode ToClusterNode(NodeCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new ClusterNode(candidate.Id)
        {
            Ready = candidate.Ready,
            Capacity = ResourceVector.From(candidate.Capacity),
            Allocated = ResourceVector.From(candidate.Allocated),
            Rootfs = candidate.RootfsNames,
        };
    }
}
