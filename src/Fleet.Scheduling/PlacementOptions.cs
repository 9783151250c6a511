namespace Fleet.Scheduling;

/// <summary>How a <see cref="Placer"/> ranks nodes. Immutable; one instance serves every placement of a placer.</summary>
public sealed record PlacementOptions
{
    /// <summary>Bin-packing, logarithmic candidate limit, node-id tie-break, preemption on, no per-node explanations.</summary>
    public static PlacementOptions Default { get; } = new();

    /// <summary>For <c>fleet plan</c>: every node evaluated, every feasible node scored and ranked, a reason for every rejected node.</summary>
    public static PlacementOptions Plan { get; } = new() { Explain = true };

    /// <summary>How the resource-fit score ranks nodes. Default <see cref="ScoringStrategy.BinPack"/>.</summary>
    public ScoringStrategy Strategy { get; init; } = ScoringStrategy.BinPack;

    /// <summary>How many feasible nodes to score. Default <see cref="CandidateLimit.Default"/> (log2 of the cluster size).</summary>
    public CandidateLimit CandidateLimit { get; init; } = CandidateLimit.Default;

    /// <summary>
    /// Makes this placer differ from placers on other silos: where its walk over the nodes starts,
    /// and (with <see cref="RandomTieBreak"/>) which of equally good nodes wins, so that concurrent
    /// placers do not all reserve on the same node. The same seed, snapshot and request always give the
    /// same decision. Default 0: bin-packing walks start at the first node in id order.
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>Break ties between equal scores by a hash of the seed and node id instead of by node id. Default false.</summary>
    public bool RandomTieBreak { get; init; }

    /// <summary>
    /// Evaluate every node and give each rejected node's reason in <see cref="PlacementDecision.Rejections"/>,
    /// scoring and ranking every feasible node (the candidate limit does not apply). Slower; for dry runs. Default false.
    /// </summary>
    public bool Explain { get; init; }

    /// <summary>How many of the best candidates a decision lists, best first (all when <see cref="Explain"/>). Default 8.</summary>
    public int RankedCandidates { get; init; } = 8;

    /// <summary>When nothing fits, evict workloads of lower priority to make room. Default true.</summary>
    public bool Preemption { get; init; } = true;

    /// <summary>Score nodes down for each replica of the same job they already run (Nomad's job anti-affinity). Default true.</summary>
    public bool JobAntiAffinity { get; init; } = true;
}
