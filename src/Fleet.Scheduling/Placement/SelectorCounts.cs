using System.Buffers;
using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Placement;

/// <summary>
/// How many workloads matching one selector (or of one job) run on each node, and in each domain of
/// a topology label, for the duration of one placement. Backed by pooled arrays that are zero outside
/// the touched nodes, so that counting costs O(matching nodes) and reading costs an array index.
/// </summary>
internal sealed class SelectorCounts
{
    // A private pool: arrays are always returned zeroed, which the shared pool does not promise.
    private static readonly ArrayPool<int> Pool = ArrayPool<int>.Create(1 << 22, 64);

    private readonly int[] _byNode;
    private readonly int[] _touched;
    private int _touchedCount;

    private SelectorCounts(int nodes)
    {
        _byNode = Pool.Rent(Math.Max(1, nodes));
        _touched = Pool.Rent(Math.Max(1, nodes));
    }

    /// <summary>Matching workloads in the whole cluster.</summary>
    public int Total { get; private set; }

    /// <summary>Per value id of the topology column given to <see cref="SumByDomain"/>, the matching workloads in that domain.</summary>
    public int[] ByDomain { get; private set; } = [];

    public static SelectorCounts Count(ClusterSnapshot snapshot, WorkloadSelector selector)
    {
        var counts = new SelectorCounts(snapshot.Count);
        var requirements = selector.Requirements;
        var driver = Driver(snapshot.Index, requirements);
        if (driver < 0)
        {
            for (var node = 0; node < snapshot.Count; node++)
            {
                counts.Add(node, CountOn(snapshot.Slots[node].Node, selector));
            }

            return counts;
        }

        var drive = requirements[driver];
        HashSet<int>? seen = drive.Values.Length > 1 && requirements.Length > 1 ? [] : null;
        foreach (var value in drive.Values)
        {
            foreach (var (node, count) in snapshot.Index.Find(new LabelPair(drive.Key, value)))
            {
                if (requirements.Length == 1)
                {
                    counts.Add(node, count);
                }
                else if (seen?.Add(node) != false)
                {
                    counts.Add(node, CountOn(snapshot.Slots[node].Node, selector));
                }
            }
        }

        return counts;
    }

    public static SelectorCounts CountJob(ClusterSnapshot snapshot, string jobId)
    {
        var counts = new SelectorCounts(snapshot.Count);
        foreach (var (node, count) in snapshot.Index.Find(LabelPair.Job(jobId)))
        {
            counts.Add(node, count);
        }

        return counts;
    }

    public int OnNode(int node) => _byNode[node];

    /// <summary>Fills <see cref="ByDomain"/> for the domains of <paramref name="column"/>.</summary>
    public void SumByDomain(LabelColumn column)
    {
        var byDomain = new int[column.Values.Count];
        for (var t = 0; t < _touchedCount; t++)
        {
            var node = _touched[t];
            var domain = column.ValueIds[node];
            if (domain >= 0)
            {
                byDomain[domain] += _byNode[node];
            }
        }

        ByDomain = byDomain;
    }

    /// <summary>Returns the arrays to the pool, zeroed. The counts must not be read afterwards.</summary>
    public void Release()
    {
        for (var t = 0; t < _touchedCount; t++)
        {
            _byNode[_touched[t]] = 0;
        }

        // Both arrays come from one pool, so the list of touched nodes must go back zeroed too.
        Array.Clear(_touched, 0, _touchedCount);
        _touchedCount = 0;
        Pool.Return(_byNode);
        Pool.Return(_touched);
    }

    private void Add(int node, int count)
    {
        if (count == 0)
        {
            return;
        }

        if (_byNode[node] == 0)
        {
            _touched[_touchedCount++] = node;
        }

        _byNode[node] += count;
        Total += count;
    }

    /// <summary>The = or in requirement with the fewest indexed nodes, or -1 when there is none to drive from.</summary>
    private static int Driver(WorkloadIndex index, System.Collections.Immutable.ImmutableArray<LabelConstraint> requirements)
    {
        var driver = -1;
        var fewest = int.MaxValue;
        for (var r = 0; r < requirements.Length; r++)
        {
            var requirement = requirements[r];
            if (requirement.Operator is not (ConstraintOperator.Equal or ConstraintOperator.In))
            {
                continue;
            }

            var nodes = 0;
            foreach (var value in requirement.Values)
            {
                nodes += index.Find(new LabelPair(requirement.Key, value)).NodeCount;
            }

            if (nodes < fewest)
            {
                (driver, fewest) = (r, nodes);
            }
        }

        return driver;
    }

    private static int CountOn(ClusterNode node, WorkloadSelector selector)
    {
        var count = 0;
        foreach (var workload in WorkloadIndex.Workloads(node))
        {
            if (selector.Matches(workload.Labels))
            {
                count++;
            }
        }

        return count;
    }
}
