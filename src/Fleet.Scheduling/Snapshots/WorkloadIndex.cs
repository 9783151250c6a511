using System.Collections.Immutable;

namespace Fleet.Scheduling.Snapshots;

/// <summary>
/// An inverted index of the workloads in a snapshot: for every label pair and every job, the nodes
/// that run matching workloads. Affinities, topology spreads and job anti-affinity read it to count
/// matching workloads in O(matching nodes) instead of O(all workloads). Persistent: adding or
/// removing one workload shares all but a few paths with the previous index.
/// </summary>
internal sealed class WorkloadIndex
{
    private readonly PostingsMap _postings;

    private WorkloadIndex(PostingsMap postings, int workloads)
    {
        _postings = postings;
        WorkloadCount = workloads;
    }

    public static WorkloadIndex Empty { get; } = new(PostingsMap.Empty, 0);

    public int WorkloadCount { get; }

    public static WorkloadIndex Build(IReadOnlyList<ClusterNode> nodes)
    {
        var counts = new Dictionary<LabelPair, Dictionary<int, int>>();
        var workloads = 0;
        for (var node = 0; node < nodes.Count; node++)
        {
            foreach (var workload in Workloads(nodes[node]))
            {
                workloads++;
                foreach (var pair in Pairs(workload))
                {
                    if (!counts.TryGetValue(pair, out var byNode))
                    {
                        counts.Add(pair, byNode = []);
                    }

                    byNode[node] = byNode.GetValueOrDefault(node) + 1;
                }
            }
        }

        var postings = PostingsMap.Empty;
        foreach (var (pair, byNode) in counts)
        {
            postings = postings.Set(pair, Postings.From(byNode));
        }

        return new WorkloadIndex(postings, workloads);
    }

    public Postings Find(LabelPair pair) => _postings.Find(pair) ?? Postings.Empty;

    public WorkloadIndex Add(PlacedWorkload workload, int node) => Change(workload, node, +1);

    public WorkloadIndex Remove(PlacedWorkload workload, int node) => Change(workload, node, -1);

    /// <summary>The index after node <paramref name="node"/>'s workloads changed from <paramref name="old"/>'s to <paramref name="updated"/>'s.</summary>
    public WorkloadIndex Replace(ClusterNode old, ClusterNode updated, int node)
    {
        var index = this;
        foreach (var workload in Workloads(old))
        {
            index = index.Remove(workload, node);
        }

        foreach (var workload in Workloads(updated))
        {
            index = index.Add(workload, node);
        }

        return index;
    }

    public static ImmutableArray<PlacedWorkload> Workloads(ClusterNode node) => node.Workloads.IsDefault ? [] : node.Workloads;

    private WorkloadIndex Change(PlacedWorkload workload, int node, int delta)
    {
        var postings = _postings;
        foreach (var (key, value) in workload.Labels)
        {
            postings = postings.Change(new LabelPair(key, value), node, delta);
        }

        if (workload.JobId is { } job)
        {
            postings = postings.Change(LabelPair.Job(job), node, delta);
        }

        return new WorkloadIndex(postings, WorkloadCount + delta);
    }

    private static IEnumerable<LabelPair> Pairs(PlacedWorkload workload)
    {
        foreach (var (key, value) in workload.Labels)
        {
            yield return new LabelPair(key, value);
        }

        if (workload.JobId is { } job)
        {
            yield return LabelPair.Job(job);
        }
    }
}
