namespace Fleet.Scheduling;

/// <summary>
/// How many feasible nodes a placement scores before it picks the best; the walk over the cluster
/// stops once that many have been found (Nomad's limit iterator). Fewer is faster and, with
/// bin-packing, barely worse (see the README's measurements); more finds a better node.
/// </summary>
public readonly record struct CandidateLimit
{
    private CandidateLimit(int count) => Count = count;

    /// <summary>Score every feasible node: exhaustive, the best node for sure, O(nodes) per placement.</summary>
    public static CandidateLimit All => new(0);

    /// <summary>max(2, ⌈log2 nodes⌉) feasible nodes (13 of 5,000), Nomad's rule for service jobs.</summary>
    public static CandidateLimit Logarithmic => new(-1);

    /// <summary>The default: <see cref="Logarithmic"/> for plain requests, at least <see cref="SoftScoringFloor"/> when soft spreads or affinities need a wider view.</summary>
    public static CandidateLimit Default => Logarithmic;

    /// <summary>
    /// Requests with soft topology spreads or soft affinities score at least this many feasible nodes
    /// (or all when fewer), picked by a pseudo-random walk, so that their candidates cover every
    /// domain (Nomad scores every node then, kube-scheduler at least 100). With 5 zones, 50 random
    /// candidates miss a zone with probability 5 × 0.8^50 ≈ 7e-5; the README shows the skew measured.
    /// </summary>
    public const int SoftScoringFloor = 50;

    /// <summary>Exactly <paramref name="count"/> feasible nodes (or all when fewer).</summary>
    public static CandidateLimit Of(int count) =>
        count >= 1 ? new(count) : throw new ArgumentOutOfRangeException(nameof(count), count, "a candidate limit is at least 1");

    /// <summary>0 for all, -1 for logarithmic, otherwise the fixed count.</summary>
    public int Count { get; }

    /// <summary>How many feasible nodes to score in a cluster of <paramref name="nodes"/>; int.MaxValue for all.</summary>
    public int Resolve(int nodes, bool softScoring)
    {
        var limit = Count switch
        {
            0 => int.MaxValue,
            < 0 => Math.Max(2, (int)Math.Ceiling(Math.Log2(Math.Max(1, nodes)))),
            _ => Count,
        };
        return softScoring ? Math.Max(limit, SoftScoringFloor) : limit;
    }

    public override string ToString() => Count switch
    {
        0 => "all",
        < 0 => "log2",
        _ => Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
