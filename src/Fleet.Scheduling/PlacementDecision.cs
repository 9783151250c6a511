using System.Collections.Immutable;

namespace Fleet.Scheduling;

/// <summary>
/// The placer's answer. The caller reserves on <see cref="Chosen"/> (evicting <see cref="Preemptions"/>
/// first when there are any), and on a rejection tries the next of <see cref="Feasible"/>: the node
/// itself has the last word, since the snapshot may be stale.
/// </summary>
/// <param name="Feasible">Ids of the ranked feasible nodes, best first; empty when none fits without preemption.</param>
/// <param name="Rejections">One entry per rejected node, in node id order (see <see cref="PlacementOptions.Explain"/>).</param>
/// <param name="Reason">Empty when the workload can be placed; otherwise why it stays pending.</param>
public sealed record PlacementDecision(
    ImmutableArray<string> Feasible,
    ImmutableArray<NodeRejection> Rejections,
    string Reason)
{
    /// <summary>True when some node fits without preemption.</summary>
    public bool IsFeasible => !Feasible.IsEmpty;

    /// <summary>True when the workload can be placed, with or without preemption.</summary>
    public bool IsPlaced => Chosen is not null;

    /// <summary>The node to place on and its score; null when the workload stays pending.</summary>
    public NodeScore? Chosen { get; init; }

    /// <summary>The scored feasible nodes, best first (at most <see cref="PlacementOptions.RankedCandidates"/>, all when explaining).</summary>
    public ImmutableArray<NodeScore> Candidates { get; init; } = [];

    /// <summary>Workloads to evict from <see cref="Chosen"/> first; empty unless nothing fit without preemption.</summary>
    public ImmutableArray<Preemption> Preemptions { get; init; } = [];

    /// <summary>How many nodes each filter rejected, in filter order.</summary>
    public ImmutableArray<FilterCount> Filtered { get; init; } = [];

    /// <summary>How many nodes were evaluated; fewer than the cluster when the candidate limit stopped the walk.</summary>
    public int NodesEvaluated { get; init; }

    /// <summary>How many feasible nodes were found (and scored) before the walk stopped.</summary>
    public int NodesFeasible { get; init; }
}
