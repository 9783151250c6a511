namespace Fleet.Scheduling;

/// <summary>
/// Ranks the nodes of a cluster snapshot for one workload. Pure: no I/O, no clock, no state, so
/// every silo can run it at once and tests drive it with hand-built clusters.
/// </summary>
public interface IPlacementPolicy
{
    PlacementDecision Place(IReadOnlyCollection<NodeCandidate> nodes, PlacementRequest request);
}
