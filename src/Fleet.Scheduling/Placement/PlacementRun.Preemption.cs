using System.Collections.Immutable;
using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Placement;

internal sealed partial class PlacementRun
{
    /// <summary>
    /// When nothing fits: on every node that failed only for resources or host ports (and meets every
    /// other rule), find the cheapest set of strictly lower-priority victims; pick the node where
    /// that harm is least (ties by node id, or seeded hash). Null when no node can make room.
    /// Workloads a required affinity of the request depends on are never victims.
    /// </summary>
    private PlacementDecision? Preempt()
    {
        var best = -1;
        List<PlacedWorkload>? bestVictims = null;
        var bestHarm = default(PreemptionHarm);
        ulong bestKey = 0;
        var demand = _request.Demand;
        for (var node = 0; node < _nodes; node++)
        {
            if (Filter(node, out _) is not (PlacementFilter.Resources or PlacementFilter.HostPort)
                || WorkloadRules(node, out _) != Feasible)
            {
                continue;
            }

            ref readonly var slot = ref _slots[node];
            var free = new ResourceVector(slot.FreeCpu, slot.FreeMemory, slot.FreePids);
            var victims = VictimSelection.Find(slot.Node, free, demand, _ports, _request.Priority, IsProtected);
            if (victims is null)
            {
                continue;
            }

            var harm = VictimSelection.Harm(victims);
            var key = TieKey(node);
            if (best < 0 || harm < bestHarm || (harm == bestHarm && key < bestKey))
            {
                (best, bestVictims, bestHarm, bestKey) = (node, victims, harm, key);
            }
        }

        if (best < 0)
        {
            return null;
        }

        ref readonly var chosen = ref _slots[best];
        var freed = ResourceVector.Zero;
        foreach (var victim in bestVictims!)
        {
            freed += victim.Resources;
        }

        var nodeId = _snapshot.Table.Ids[best];
        var room = RoomNeeded(chosen);
        var reason = $"preempted by {_request.DisplayName} (priority {_request.Priority}) to make room for {room}";
        return new PlacementDecision([], Rejections(), string.Empty)
        {
            Chosen = ToNodeScore(Score(best, chosen.FreeCpu + freed.CpuMillis, chosen.FreeMemory + freed.MemoryBytes)) with { RequiresPreemption = true },
            Preemptions = [.. bestVictims
                .OrderBy(v => v.Priority)
                .ThenBy(v => v.Id, StringComparer.Ordinal)
                .Select(v => new Preemption(v.Id, nodeId, v.Priority, reason))],
            Filtered = Filtered(),
            NodesEvaluated = _evaluated,
        };
    }

    private bool IsProtected(PlacedWorkload workload)
    {
        foreach (var affinity in _hardAffinities)
        {
            if (affinity.Affinity.Kind == AffinityKind.Require && affinity.Affinity.Selector.Matches(workload.Labels))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the request needs that the node lacks: "0.5 CPU, 64Mi memory, host port 8080".</summary>
    private string RoomNeeded(in NodeSlot slot)
    {
        var parts = ImmutableArray.CreateBuilder<string>();
        if (_cpu > slot.FreeCpu)
        {
            parts.Add(ResourceText.Cpu(_cpu));
        }

        if (_memory > slot.FreeMemory)
        {
            parts.Add(ResourceText.Memory(_memory));
        }

        if (_pids > slot.FreePids)
        {
            parts.Add(ResourceText.Pids(_pids));
        }

        foreach (var port in _ports)
        {
            if (slot.Node.HostPorts.Contains(port))
            {
                parts.Add($"host port {port}");
            }
        }

        return string.Join(", ", parts);
    }
}
