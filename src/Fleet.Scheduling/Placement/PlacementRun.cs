using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Placement;

/// <summary>
/// One placement: the request compiled against a snapshot (constraints to per-value tables, selectors
/// to per-node counts), a walk over the nodes that filters each and scores the feasible ones until the
/// candidate limit, and the decision. Used once, by one thread.
/// </summary>
internal sealed partial class PlacementRun
{
    /// <summary>The filter result of a node that passes every filter.</summary>
    private const PlacementFilter Feasible = (PlacementFilter)(-1);

    /// <summary>When nothing fits and this few nodes were rejected, the reason names each; otherwise it counts them per filter.</summary>
    private const int ListedRejections = 5;

    private readonly ClusterSnapshot _snapshot;
    private readonly PlacementRequest _request;
    private readonly PlacementOptions _options;
    private readonly SlotPages _slots;
    private readonly int _nodes;
    private readonly long _cpu;
    private readonly long _memory;
    private readonly long _pids;
    private readonly int[] _ports;
    private readonly bool _rootfsRequired;
    private readonly ulong _rootfsBit;
    private readonly bool _rootfsByName;
    private readonly CompiledConstraint[] _constraints;
    private readonly CompiledAffinity[] _hardAffinities;
    private readonly CompiledAffinity[] _softAffinities;
    private readonly int _softAffinityWeight;
    private readonly CompiledSpread[] _hardSpreads;
    private readonly CompiledSpread[] _softSpreads;
    private readonly SelectorCounts? _job;
    private readonly List<SelectorCounts> _rented = [];

    private readonly int[] _rejectedBy = new int[(int)PlacementFilter.TopologySpread + 1];
    private readonly int[] _constraintRejections;
    private readonly int[] _portRejections;
    private readonly int[] _affinityRejections;
    private readonly int[] _spreadRejections;
    private readonly int[] _shortOf = new int[3];
    private readonly List<RejectedNode> _rejected = [];
    private readonly ScoredNode[] _best;
    private readonly List<ScoredNode>? _all;
    private int _bestCount;
    private int _tieOrigin;
    private int _skipped;
    private int _evaluated;
    private int _feasible;

    public PlacementRun(ClusterSnapshot snapshot, PlacementRequest request, PlacementOptions options)
    {
        _snapshot = snapshot;
        _request = request;
        _options = options;
        _slots = snapshot.Slots;
        _nodes = snapshot.Count;
        var demand = request.Demand;
        (_cpu, _memory, _pids) = (demand.CpuMillis, demand.MemoryBytes, demand.Pids);
        _ports = request.HostPorts.IsDefaultOrEmpty ? [] : [.. request.HostPorts.Distinct()];

        var table = snapshot.Table;
        _rootfsRequired = !string.IsNullOrEmpty(request.Rootfs);
        var rootfsId = _rootfsRequired ? table.RootfsId(request.Rootfs) : -1;
        _rootfsBit = rootfsId is >= 0 and < 64 ? 1UL << rootfsId : 0;
        _rootfsByName = rootfsId >= 64;

        var constraints = Items(request.Constraints);
        _constraints = new CompiledConstraint[constraints.Length];
        for (var c = 0; c < constraints.Length; c++)
        {
            _constraints[c] = new CompiledConstraint(constraints[c], table);
        }

        var affinities = Items(request.Affinities);
        _hardAffinities = [.. affinities.Where(a => a.IsHard).Select(Compile)];
        _softAffinities = [.. affinities.Where(a => !a.IsHard).Select(Compile)];
        _softAffinityWeight = _softAffinities.Sum(a => a.Affinity.Weight);

        var spreads = Items(request.Spreads);
        _hardSpreads = [.. spreads.Where(s => s.Required).Select(Compile)];
        _softSpreads = [.. spreads.Where(s => !s.Required).Select(Compile)];

        if (options.JobAntiAffinity && request.JobId is { } job)
        {
            var counts = Rent(SelectorCounts.CountJob(snapshot, job));
            _job = counts.Total > 0 ? counts : null;
        }

        _constraintRejections = new int[_constraints.Length];
        _portRejections = new int[_ports.Length];
        _affinityRejections = new int[_hardAffinities.Length];
        _spreadRejections = new int[_hardSpreads.Length];
        _best = new ScoredNode[Math.Max(1, options.RankedCandidates)];
        _all = options.Explain ? [] : null;
    }

    /// <summary>Soft spreads and affinities need candidates from many domains: a wider, randomised walk.</summary>
    private bool SoftScoring => _softSpreads.Length > 0 || _softAffinities.Length > 0;

    public PlacementDecision Decide()
    {
        try
        {
            if (_nodes == 0)
            {
                return new PlacementDecision([], [], "no node is registered");
            }

            Walk(skipFullPages: !_options.Explain);
            if (_feasible == 0 && _skipped > 0)
            {
                // Nothing fits: walk every node so that the reason counts every rejection.
                ResetWalk();
                Walk(skipFullPages: false);
            }

            if (_feasible > 0)
            {
                return Placed();
            }

            return (_options.Preemption ? Preempt() : null) ?? Pending();
        }
        finally
        {
            foreach (var counts in _rented)
            {
                counts.Release();
            }
        }
    }

    /// <summary>
    /// Visits nodes in <see cref="WalkOrder"/>, filtering each and scoring the feasible ones until
    /// the candidate limit. An ordered walk skips, with one comparison, every page of 32 nodes none of
    /// which has the free resources asked for: bin-packing fills nodes from the walk's start, so
    /// without this the walk would step over every full node on every placement.
    /// </summary>
    private void Walk(bool skipFullPages)
    {
        var limit = _options.Explain ? int.MaxValue : _options.CandidateLimit.Resolve(_nodes, SoftScoring);
        var (node, stride) = _options.Explain ? (0, 1) : WalkOrder();
        _tieOrigin = stride == 1 ? node : 0;
        skipFullPages &= stride == 1;
        for (var step = 0; step < _nodes; step++)
        {
            if (skipFullPages && (node & (SlotPages.PageSize - 1)) == 0 && !_slots.PageMayFit(node, _cpu, _memory, _pids))
            {
                var skipped = Math.Min(Math.Min(SlotPages.PageSize, _nodes - node), _nodes - step);
                _skipped += skipped;
                step += skipped - 1;
                node += skipped;
                if (node >= _nodes)
                {
                    node -= _nodes;
                }

                continue;
            }

            _evaluated++;
            var filter = Filter(node, out var detail);
            if (filter == Feasible)
            {
                ref readonly var slot = ref _slots[node];
                Rank(Score(node, slot.FreeCpu, slot.FreeMemory));
                if (++_feasible >= limit)
                {
                    break;
                }
            }
            else
            {
                Reject(node, filter, detail);
            }

            node += stride;
            if (node >= _nodes)
            {
                node -= _nodes;
            }
        }
    }

    /// <summary>Forgets a walk that found nothing, so that a full walk can count every rejection.</summary>
    private void ResetWalk()
    {
        foreach (var counts in (int[][])[_rejectedBy, _constraintRejections, _portRejections, _affinityRejections, _spreadRejections, _shortOf])
        {
            Array.Clear(counts);
        }

        _rejected.Clear();
        _evaluated = 0;
        _skipped = 0;
    }

    /// <summary>
    /// Where the walk starts and how far it steps. Bin-packing walks nodes in id order from a start
    /// fixed per seed, so that one placer keeps filling the same nodes (first-fit-like packing) while
    /// placers with other seeds fill other parts of the cluster. Spreading and soft topology rules
    /// walk a different pseudo-random order per workload (a start and a stride coprime with the node
    /// count, which visits every node once): the power of k random choices.
    /// </summary>
    private (int Start, int Stride) WalkOrder()
    {
        if (_options.Strategy == ScoringStrategy.BinPack && !SoftScoring)
        {
            return (_options.Seed == 0 ? 0 : (int)(StableHash.Mix(_options.Seed) % (ulong)_nodes), 1);
        }

        var hash = StableHash.Mix(_options.Seed ^ StableHash.Of(_request.WorkloadId ?? _request.DisplayName));
        var start = (int)(hash % (ulong)_nodes);
        if (_nodes <= 2)
        {
            return (start, 1);
        }

        var stride = 1 + (int)(StableHash.Mix(hash) % (ulong)(_nodes - 1));
        while (Gcd(stride, _nodes) != 1)
        {
            stride = (stride % (_nodes - 1)) + 1;
        }

        return (start, stride);
    }

    private void Rank(in ScoredNode candidate)
    {
        if (_all is not null)
        {
            _all.Add(candidate);
            return;
        }

        int at;
        if (_bestCount < _best.Length)
        {
            at = _bestCount++;
        }
        else if (candidate.IsBetterThan(_best[^1]))
        {
            at = _best.Length - 1;
        }
        else
        {
            return;
        }

        while (at > 0 && candidate.IsBetterThan(_best[at - 1]))
        {
            _best[at] = _best[at - 1];
            at--;
        }

        _best[at] = candidate;
    }

    private void Reject(int node, PlacementFilter filter, int detail)
    {
        _rejectedBy[(int)filter]++;
        switch (filter)
        {
            case PlacementFilter.Constraint:
                _constraintRejections[detail]++;
                break;
            case PlacementFilter.Resources:
                for (var dimension = 0; dimension < _shortOf.Length; dimension++)
                {
                    _shortOf[dimension] += (detail >> dimension) & 1;
                }

                break;
            case PlacementFilter.HostPort:
                _portRejections[detail]++;
                break;
            case PlacementFilter.Affinity:
                _affinityRejections[detail]++;
                break;
            case PlacementFilter.TopologySpread:
                _spreadRejections[detail]++;
                break;
        }

        if (_all is not null || _rejected.Count < ListedRejections)
        {
            _rejected.Add(new RejectedNode(node, filter, detail));
        }
    }

    /// <summary>
    /// Equal scores go to the node first in id order counted from where an ordered walk started (so
    /// from the first node when the seed is 0), or with <see cref="PlacementOptions.RandomTieBreak"/>
    /// to the lowest hash of seed and node id.
    /// </summary>
    private ulong TieKey(int node) => _options.RandomTieBreak
        ? StableHash.Mix(_options.Seed ^ _snapshot.Table.IdHashes[node])
        : (ulong)(node >= _tieOrigin ? node - _tieOrigin : node - _tieOrigin + _nodes);

    private CompiledAffinity Compile(WorkloadAffinity affinity)
    {
        var compiled = new CompiledAffinity(affinity, _snapshot, _request);
        Rent(compiled.Counts);
        return compiled;
    }

    private CompiledSpread Compile(TopologySpread spread)
    {
        var compiled = new CompiledSpread(spread, _snapshot, _request, EligibleDomains(spread.TopologyKey));
        Rent(compiled.Counts);
        return compiled;
    }

    private SelectorCounts Rent(SelectorCounts counts)
    {
        _rented.Add(counts);
        return counts;
    }

    private static System.Collections.Immutable.ImmutableArray<T> Items<T>(System.Collections.Immutable.ImmutableArray<T> items) =>
        items.IsDefault ? [] : items;

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
