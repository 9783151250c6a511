using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Placement;

internal sealed partial class PlacementRun
{
    /// <summary>
    /// The feasibility filters in their fixed order; returns the first that rejects the node (and
    /// which constraint, port, affinity or spread, or the short resources as a bit mask), or
    /// <see cref="Feasible"/>. Allocation-free: array reads and integer compares.
    /// </summary>
    private PlacementFilter Filter(int node, out int detail)
    {
        detail = 0;
        ref readonly var slot = ref _slots[node];
        if ((slot.Flags & NodeSlot.ReadyFlag) == 0)
        {
            return PlacementFilter.Down;
        }

        if ((slot.Flags & NodeSlot.CordonedFlag) != 0)
        {
            return PlacementFilter.Cordoned;
        }

        var constraints = _constraints;
        for (var c = 0; c < constraints.Length; c++)
        {
            if (!constraints[c].Holds(node))
            {
                detail = c;
                return PlacementFilter.Constraint;
            }
        }

        if (_rootfsRequired && !OffersRootfs(in slot))
        {
            return PlacementFilter.Rootfs;
        }

        var shortOf = (_cpu > slot.FreeCpu ? ResourceText.CpuShort : 0)
            | (_memory > slot.FreeMemory ? ResourceText.MemoryShort : 0)
            | (_pids > slot.FreePids ? ResourceText.PidsShort : 0);
        if (shortOf != 0)
        {
            detail = shortOf;
            return PlacementFilter.Resources;
        }

        if (_ports.Length > 0 && (slot.Flags & NodeSlot.HostPortsFlag) != 0)
        {
            var inUse = FirstPortInUse(slot.Node);
            if (inUse >= 0)
            {
                detail = inUse;
                return PlacementFilter.HostPort;
            }
        }

        return WorkloadRules(node, out detail);
    }

    /// <summary>The hard affinities and hard topology spreads: the rules about other workloads, which preemption does not change.</summary>
    private PlacementFilter WorkloadRules(int node, out int detail)
    {
        var affinities = _hardAffinities;
        for (var a = 0; a < affinities.Length; a++)
        {
            if (!affinities[a].Allows(node))
            {
                detail = a;
                return PlacementFilter.Affinity;
            }
        }

        var spreads = _hardSpreads;
        for (var s = 0; s < spreads.Length; s++)
        {
            if (!spreads[s].Allows(node))
            {
                detail = s;
                return PlacementFilter.TopologySpread;
            }
        }

        detail = 0;
        return Feasible;
    }

    private bool OffersRootfs(in NodeSlot slot) =>
        (slot.RootfsMask & _rootfsBit) != 0
        || (_rootfsByName && (slot.Flags & NodeSlot.RootfsOverflowFlag) != 0 && slot.Node.Rootfs.Contains(_request.Rootfs, StringComparer.Ordinal));

    /// <summary>The index in <see cref="_ports"/> of the first requested port in use on the node, or -1.</summary>
    private int FirstPortInUse(ClusterNode node)
    {
        for (var p = 0; p < _ports.Length; p++)
        {
            if (node.HostPorts.Contains(_ports[p]))
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>
    /// Which domains of a topology label a spread counts when it looks for the emptiest: those with at
    /// least one node that is ready, not cordoned, offers the rootfs and meets the constraints — so
    /// that a zone the workload may never go to does not pin the minimum at 0. Cached on the node
    /// table, which placements do not change.
    /// </summary>
    private bool[] EligibleDomains(string topologyKey)
    {
        var key = $"{_request.Rootfs}\n{string.Join('\n', _constraints.Select(c => c.Constraint))}\n{topologyKey}";
        return _snapshot.Table.EligibleDomains(key, () =>
        {
            var column = _snapshot.Table.Column(topologyKey);
            var eligible = new bool[column?.Values.Count ?? 0];
            for (var node = 0; column is not null && node < _nodes; node++)
            {
                ref readonly var slot = ref _slots[node];
                var domain = column.ValueIds[node];
                if (domain < 0 || eligible[domain]
                    || (slot.Flags & (NodeSlot.ReadyFlag | NodeSlot.CordonedFlag)) != NodeSlot.ReadyFlag
                    || (_rootfsRequired && !OffersRootfs(in slot)))
                {
                    continue;
                }

                var meets = true;
                foreach (var constraint in _constraints)
                {
                    meets &= constraint.Holds(node);
                }

                eligible[domain] = meets;
            }

            return eligible;
        });
    }
}
