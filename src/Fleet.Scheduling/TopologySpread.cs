namespace Fleet.Scheduling;

/// <summary>
/// Spread the workloads picked by <paramref name="Selector"/> evenly over the values of a node label
/// (Kubernetes' topology spread). Placing on a node whose domain (its value of
/// <paramref name="TopologyKey"/>) already holds <c>n</c> matching workloads gives a skew of
/// <c>n + self - min</c>, where <c>min</c> is the count of the emptiest eligible domain and
/// <c>self</c> is 1 when the workload itself matches the selector.
/// </summary>
/// <param name="TopologyKey">The node label whose values are the domains, e.g. "zone".</param>
/// <param name="Selector">The workloads counted, usually the replicas of the same service.</param>
/// <param name="MaxSkew">The largest difference allowed (hard) or aimed for (soft); at least 1.</param>
/// <param name="Required">Hard: nodes that would exceed <paramref name="MaxSkew"/> are filtered out. Soft (default): they score lower.</param>
public sealed record TopologySpread(string TopologyKey, WorkloadSelector Selector, int MaxSkew = 1, bool Required = false)
{
    public string TopologyKey { get; } = string.IsNullOrWhiteSpace(TopologyKey)
        ? throw new ArgumentException("a topology spread needs a node label to spread over", nameof(TopologyKey))
        : TopologyKey;

    public WorkloadSelector Selector { get; } = Selector ?? throw new ArgumentNullException(nameof(Selector));

    public int MaxSkew { get; } = MaxSkew >= 1 ? MaxSkew : throw new ArgumentOutOfRangeException(nameof(MaxSkew), MaxSkew, "max skew must be at least 1");

    public override string ToString() =>
        $"spread {Selector} over {TopologyKey}, max skew {MaxSkew}{(Required ? string.Empty : " (soft)")}";
}
