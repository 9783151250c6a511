using System.Collections.Concurrent;

namespace Fleet.Scheduling.Snapshots;

/// <summary>
/// The part of a snapshot that placements do not change: which nodes exist (sorted by id), their
/// label columns and the interned rootfs names, plus caches that depend only on those and on
/// readiness and cordons. Shared by every snapshot derived by placing or evicting workloads; a change
/// to a node's labels, rootfs, readiness or cordon makes a new table (sharing what it can).
/// </summary>
internal sealed class NodeTable
{
    private const int MaxCachedRuleSets = 4096;

    private readonly Dictionary<string, LabelColumn> _columns;
    private readonly Dictionary<string, int> _rootfsIds;
    private readonly ConcurrentDictionary<string, bool[]> _eligibleDomains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<LabelConstraint, bool[]> _constraintValues = new();

    private NodeTable(string[] ids, Dictionary<string, int> indexOf, ulong[] idHashes, Dictionary<string, LabelColumn> columns, Dictionary<string, int> rootfsIds)
    {
        Ids = ids;
        IndexOf = indexOf;
        IdHashes = idHashes;
        _columns = columns;
        _rootfsIds = rootfsIds;
    }

    public static NodeTable Empty { get; } = Build([]);

    /// <summary>Node ids in ordinal order; a node's index is its position here.</summary>
    public string[] Ids { get; }

    public Dictionary<string, int> IndexOf { get; }

    /// <summary><see cref="StableHash"/> of each node id, for seeded tie-breaks.</summary>
    public ulong[] IdHashes { get; }

    public int Count => Ids.Length;

    /// <summary>Builds the table for nodes already sorted by id and distinct.</summary>
    public static NodeTable Build(IReadOnlyList<ClusterNode> nodes)
    {
        var ids = new string[nodes.Count];
        var indexOf = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        var hashes = new ulong[nodes.Count];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var rootfsIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            ids[i] = node.Id;
            indexOf.Add(node.Id, i);
            hashes[i] = StableHash.Of(node.Id);
            foreach (var key in node.Labels.Keys)
            {
                keys.Add(key);
            }

            Intern(rootfsIds, node.Rootfs);
        }

        var columns = new Dictionary<string, LabelColumn>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            columns.Add(key, LabelColumn.Build(key, nodes));
        }

        return new NodeTable(ids, indexOf, hashes, columns, rootfsIds);
    }

    public LabelColumn? Column(string key) => _columns.TryGetValue(key, out var column) ? column : null;

    /// <summary>The interned id of a rootfs name, or -1 when no node in the table offers it.</summary>
    public int RootfsId(string name) => _rootfsIds.TryGetValue(name, out var id) ? id : -1;

    /// <summary>The loop's view of <paramref name="node"/>; its rootfs names must be interned in this table.</summary>
    public NodeSlot Slot(ClusterNode node)
    {
        ulong mask = 0;
        var overflow = false;
        foreach (var name in node.Rootfs.IsDefault ? [] : node.Rootfs)
        {
            var id = _rootfsIds[name];
            if (id < 64)
            {
                mask |= 1UL << id;
            }
            else
            {
                overflow = true;
            }
        }

        return new NodeSlot(node, mask, overflow);
    }

    /// <summary>A table where node <paramref name="index"/> changed from <paramref name="old"/> to <paramref name="updated"/>.</summary>
    public NodeTable WithNode(int index, ClusterNode old, ClusterNode updated)
    {
        var columns = _columns;
        foreach (var key in old.Labels.Keys.Concat(updated.Labels.Keys).Distinct(StringComparer.Ordinal))
        {
            var before = old.Labels.GetValueOrDefault(key);
            var after = updated.Labels.GetValueOrDefault(key);
            if (string.Equals(before, after, StringComparison.Ordinal))
            {
                continue;
            }

            if (ReferenceEquals(columns, _columns))
            {
                columns = new Dictionary<string, LabelColumn>(_columns, StringComparer.Ordinal);
            }

            columns[key] = (columns.GetValueOrDefault(key) ?? LabelColumn.Absent(key, Ids.Length)).With(index, after);
        }

        var rootfsIds = _rootfsIds;
        if (!updated.Rootfs.IsDefaultOrEmpty && updated.Rootfs.Any(name => !_rootfsIds.ContainsKey(name)))
        {
            rootfsIds = new Dictionary<string, int>(_rootfsIds, StringComparer.Ordinal);
            Intern(rootfsIds, updated.Rootfs);
        }

        return new NodeTable(Ids, IndexOf, IdHashes, columns, rootfsIds);
    }

    /// <summary>
    /// A per-table cache of a constraint's verdict per value of its label's column (bounded like
    /// <see cref="EligibleDomains"/>): the columns do not change while the table lives.
    /// </summary>
    public bool[] ConstraintValues(LabelConstraint constraint, LabelColumn column, Func<LabelConstraint, LabelColumn, bool[]> compute) =>
        _constraintValues.TryGetValue(constraint, out var cached) ? cached
        : _constraintValues.Count >= MaxCachedRuleSets ? compute(constraint, column)
        : _constraintValues.GetOrAdd(constraint, (c, state) => state.compute(c, state.column), (compute, column));

    /// <summary>
    /// A per-table cache of which topology domains are eligible for one set of node rules (rootfs,
    /// constraints, topology key). Bounded: past <see cref="MaxCachedRuleSets"/> rule sets it computes
    /// without caching, so that a cluster with endlessly varied constraints does not grow it.
    /// </summary>
    public bool[] EligibleDomains(string key, Func<bool[]> compute) =>
        _eligibleDomains.TryGetValue(key, out var cached) ? cached
        : _eligibleDomains.Count >= MaxCachedRuleSets ? compute()
        : _eligibleDomains.GetOrAdd(key, static (_, build) => build(), compute);

    private static void Intern(Dictionary<string, int> ids, System.Collections.Immutable.ImmutableArray<string> names)
    {
        foreach (var name in names.IsDefault ? [] : names)
        {
            ids.TryAdd(name, ids.Count);
        }
    }
}
