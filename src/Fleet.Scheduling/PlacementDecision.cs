using System.Collections.Immutable;

namespace Fleet.Scheduling;

/// <summary>
/// The placer's answer: the nodes that can take the workload, best first, and why each of the
/// others cannot. The caller reserves on <see cref="Feasible"/> in order; the node itself has the
/// last word, since the snapshot may be stale.
/// </summary>
/// <param name="Feasible">Ids of the nodes that fit, best first; empty when none does.</param>
/// <param name="Rejections">One entry per node that does not fit, in node id order.</param>
/// <param name="Reason">Empty when some node fits; otherwise why the workload stays pending.</param>
public sealed record PlacementDecision(
    ImmutableArray<string> Feasible,
    ImmutableArray<NodeRejection> Rejections,
    string Reason)
{
    public bool IsFeasible => !Feasible.IsEmpty;
}
