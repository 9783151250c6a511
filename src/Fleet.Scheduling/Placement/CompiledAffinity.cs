using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Placement;

/// <summary>A workload affinity with its matching workloads counted per node and, with a topology key, per domain.</summary>
internal sealed class CompiledAffinity
{
    public CompiledAffinity(WorkloadAffinity affinity, ClusterSnapshot snapshot, PlacementRequest request)
    {
        Affinity = affinity;
        Counts = SelectorCounts.Count(snapshot, affinity.Selector);
        if (affinity.TopologyKey is { } key)
        {
            Column = snapshot.Table.Column(key) ?? LabelColumn.Absent(key, snapshot.Count);
            Counts.SumByDomain(Column);
        }

        // Kubernetes' rule: the first of a group of workloads that require each other has nothing to
        // join, so a required affinity that nothing in the cluster matches yet is met by a workload
        // that matches it itself.
        SelfSatisfies = affinity.Kind == AffinityKind.Require && Counts.Total == 0 && affinity.Selector.Matches(request.Labels);
    }

    public WorkloadAffinity Affinity { get; }

    public SelectorCounts Counts { get; }

    /// <summary>The topology label's column; null for node-level affinities.</summary>
    public LabelColumn? Column { get; }

    public bool SelfSatisfies { get; }

    /// <summary>Matching workloads on the node, or in its domain; 0 when the node lacks the topology label.</summary>
    public int Matching(int node)
    {
        if (Column is null)
        {
            return Counts.OnNode(node);
        }

        var domain = Column.ValueIds[node];
        return domain < 0 ? 0 : Counts.ByDomain[domain];
    }

    /// <summary>For hard kinds: whether the node passes.</summary>
    public bool Allows(int node) => Affinity.Kind switch
    {
        AffinityKind.Require => SelfSatisfies || Matching(node) > 0,
        AffinityKind.Forbid => Matching(node) == 0,
        _ => true,
    };
}
