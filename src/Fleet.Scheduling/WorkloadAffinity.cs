namespace Fleet.Scheduling;

/// <summary>
/// Affinity or anti-affinity to workloads already placed, picked by their labels: on the same node,
/// or with <paramref name="TopologyKey"/> in the same domain (the same value of that node label).
/// </summary>
/// <param name="Selector">The workloads it is about.</param>
/// <param name="Kind">Require or forbid (hard), prefer or avoid (soft).</param>
/// <param name="Weight">For soft kinds, 1–100: how much it counts against other soft affinities. Default 50.</param>
/// <param name="TopologyKey">Null: the same node. Otherwise a node label, e.g. "zone": the same domain.</param>
public sealed record WorkloadAffinity(WorkloadSelector Selector, AffinityKind Kind, int Weight = 50, string? TopologyKey = null)
{
    public WorkloadSelector Selector { get; } = Selector ?? throw new ArgumentNullException(nameof(Selector));

    public int Weight { get; } = Weight is >= 1 and <= 100 ? Weight : throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "weight must be 1 to 100");

    public bool IsHard => Kind is AffinityKind.Require or AffinityKind.Forbid;

    public static WorkloadAffinity Require(WorkloadSelector selector, string? topologyKey = null) => new(selector, AffinityKind.Require, TopologyKey: topologyKey);

    public static WorkloadAffinity Forbid(WorkloadSelector selector, string? topologyKey = null) => new(selector, AffinityKind.Forbid, TopologyKey: topologyKey);

    public static WorkloadAffinity Prefer(WorkloadSelector selector, int weight = 50, string? topologyKey = null) => new(selector, AffinityKind.Prefer, weight, topologyKey);

    public static WorkloadAffinity Avoid(WorkloadSelector selector, int weight = 50, string? topologyKey = null) => new(selector, AffinityKind.Avoid, weight, topologyKey);

    /// <summary>"the same node" or "the same zone".</summary>
    internal string Scope => TopologyKey is null ? "the same node" : $"the same {TopologyKey}";

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Selector} on {Scope}";
}
