using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling;

/// <summary>
/// A read-only view of the cluster that placements are decided on: every node, what it offers and
/// holds, and the workloads on it. Immutable and safe to share between threads. Placing or evicting
/// a workload, or replacing a node, returns a new snapshot that shares almost everything with this
/// one: one page of 32 nodes, the page table and a few paths of the workload index are copied (a
/// placer keeps an evolving snapshot and applies its own decisions to it). Changing a node's labels
/// copies the columns of the labels that changed, O(nodes) each; adding or removing nodes rebuilds
/// the snapshot, O(nodes + workloads) — use <see cref="SetNodes"/> for many at once.
/// </summary>
public sealed class ClusterSnapshot
{
    private ClusterSnapshot(NodeTable table, SlotPages slots, WorkloadIndex workloads)
    {
        Table = table;
        Slots = slots;
        Index = workloads;
    }

    public static ClusterSnapshot Empty { get; } = new(NodeTable.Empty, SlotPages.Empty, WorkloadIndex.Empty);

    /// <summary>The number of nodes.</summary>
    public int Count => Table.Count;

    /// <summary>The number of workloads placed on the nodes.</summary>
    public int WorkloadCount => Index.WorkloadCount;

    /// <summary>The nodes in ordinal id order.</summary>
    public IEnumerable<ClusterNode> Nodes
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return Slots[i].Node;
            }
        }
    }

    internal NodeTable Table { get; }

    internal SlotPages Slots { get; }

    internal WorkloadIndex Index { get; }

    /// <exception cref="ArgumentException">Two nodes have the same id.</exception>
    public static ClusterSnapshot Create(IEnumerable<ClusterNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var sorted = nodes.ToArray();
        foreach (var node in sorted)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
        }

        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Id, b.Id));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i - 1].Id, sorted[i].Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"node {sorted[i].Id} appears twice", nameof(nodes));
            }
        }

        var table = NodeTable.Build(sorted);
        var slots = new NodeSlot[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            slots[i] = table.Slot(sorted[i]);
        }

        return new ClusterSnapshot(table, SlotPages.From(slots), WorkloadIndex.Build(sorted));
    }

    public bool TryGetNode(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ClusterNode? node)
    {
        node = Table.IndexOf.TryGetValue(id, out var index) ? Slots[index].Node : null;
        return node is not null;
    }

    /// <exception cref="KeyNotFoundException">No node has this id.</exception>
    public ClusterNode this[string id] => Slots[IndexOf(id)].Node;

    /// <summary>This snapshot with <paramref name="node"/> added, or replacing the node of the same id.</summary>
    public ClusterSnapshot SetNode(ClusterNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!Table.IndexOf.TryGetValue(node.Id, out var index))
        {
            return Create(Nodes.Append(node));
        }

        var old = Slots[index].Node;
        var table = SameNodeRules(old, node) ? Table : Table.WithNode(index, old, node);
        var workloads = old.Workloads == node.Workloads ? Index : Index.Replace(old, node, index);
        return new ClusterSnapshot(table, Slots.SetItem(index, table.Slot(node)), workloads);
    }

    /// <summary>This snapshot with every node in <paramref name="nodes"/> added or replaced, rebuilt once.</summary>
    public ClusterSnapshot SetNodes(IEnumerable<ClusterNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var byId = Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byId[node.Id] = node;
        }

        return Create(byId.Values);
    }

    /// <summary>This snapshot without the node <paramref name="id"/>; the same snapshot when there is none.</summary>
    public ClusterSnapshot RemoveNode(string id) =>
        Table.IndexOf.ContainsKey(id) ? Create(Nodes.Where(n => !string.Equals(n.Id, id, StringComparison.Ordinal))) : this;

    /// <summary>This snapshot with <paramref name="workload"/> placed on node <paramref name="nodeId"/> (no fit check: the node's own grain decides that).</summary>
    /// <exception cref="KeyNotFoundException">No node has this id.</exception>
    public ClusterSnapshot Place(string nodeId, PlacedWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var index = IndexOf(nodeId);
        var node = Slots[index].Node.WithWorkload(workload);
        return new ClusterSnapshot(Table, Slots.SetItem(index, Table.Slot(node)), Index.Add(workload, index));
    }

    /// <summary>This snapshot without workload <paramref name="workloadId"/> on node <paramref name="nodeId"/>; the same snapshot when it is not there.</summary>
    /// <exception cref="KeyNotFoundException">No node has this id.</exception>
    public ClusterSnapshot Evict(string nodeId, string workloadId)
    {
        var index = IndexOf(nodeId);
        var old = Slots[index].Node;
        var workload = WorkloadIndex.Workloads(old).FirstOrDefault(w => string.Equals(w.Id, workloadId, StringComparison.Ordinal));
        if (workload is null)
        {
            return this;
        }

        var node = old.WithoutWorkload(workloadId);
        return new ClusterSnapshot(Table, Slots.SetItem(index, Table.Slot(node)), Index.Remove(workload, index));
    }

    /// <summary>This snapshot after <paramref name="decision"/>: its victims evicted and <paramref name="workload"/> placed on the chosen node.</summary>
    /// <exception cref="InvalidOperationException">The decision placed nothing.</exception>
    public ClusterSnapshot Apply(PlacementDecision decision, PlacedWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var chosen = decision.Chosen ?? throw new InvalidOperationException("the decision placed nothing: " + decision.Reason);
        var snapshot = this;
        foreach (var victim in decision.Preemptions)
        {
            snapshot = snapshot.Evict(victim.NodeId, victim.WorkloadId);
        }

        return snapshot.Place(chosen.NodeId, workload);
    }

    private int IndexOf(string nodeId) =>
        Table.IndexOf.TryGetValue(nodeId, out var index) ? index : throw new KeyNotFoundException($"no node {nodeId} in the snapshot");

    /// <summary>Whether everything the node table caches (labels, rootfs, readiness, cordon) is the same.</summary>
    private static bool SameNodeRules(ClusterNode a, ClusterNode b) =>
        a.Ready == b.Ready
        && a.Cordoned == b.Cordoned
        && (ReferenceEquals(a.Labels, b.Labels) || (a.Labels.Count == b.Labels.Count && a.Labels.All(l => b.Labels.TryGetValue(l.Key, out var v) && string.Equals(v, l.Value, StringComparison.Ordinal))))
        && (a.Rootfs == b.Rootfs || a.Rootfs.AsSpan().SequenceEqual(b.Rootfs.AsSpan()));
}
