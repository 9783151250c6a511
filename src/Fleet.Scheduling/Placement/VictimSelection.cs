using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Placement;

/// <summary>
/// Finds, on one node, a cheap set of lower-priority workloads whose eviction makes room for a
/// request. Exact minimisation is a knapsack problem; this is the greedy-then-reprieve heuristic of
/// kube-scheduler and Nomad: holders of a needed host port must go; then, from the lowest priority
/// up, take the workload that covers most of what is still short, until nothing is; then give back
/// (reprieve) every victim, highest priority first, that turns out not to be needed.
/// </summary>
internal static class VictimSelection
{
    /// <summary>
    /// The victims on <paramref name="node"/>, or null when evicting every workload it may evict
    /// (priority strictly below <paramref name="priority"/>, not protected) would still not make room.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="free">Its free resources (pids: long.MaxValue when not accounted).</param>
    /// <param name="demand">What the request reserves.</param>
    /// <param name="ports">Host ports the request needs.</param>
    /// <param name="priority">The request's priority.</param>
    /// <param name="isProtected">Workloads that must not be evicted (a required affinity of the request depends on them).</param>
    public static List<PlacedWorkload>? Find(
        ClusterNode node,
        ResourceVector free,
        ResourceVector demand,
        ReadOnlySpan<int> ports,
        int priority,
        Func<PlacedWorkload, bool> isProtected)
    {
        var workloads = WorkloadIndex.Workloads(node);
        var victims = new List<PlacedWorkload>();
        var mandatory = 0;
        var usedPorts = node.HostPorts.IsDefault ? [] : node.HostPorts;
        foreach (var port in ports)
        {
            if (!usedPorts.Contains(port))
            {
                continue;
            }

            var held = false;
            foreach (var workload in workloads)
            {
                if (!workload.HostPorts.IsDefaultOrEmpty && workload.HostPorts.Contains(port))
                {
                    held = true;
                    if (workload.Priority >= priority || isProtected(workload))
                    {
                        return null;
                    }

                    if (!victims.Contains(workload))
                    {
                        victims.Add(workload);
                        mandatory++;
                    }
                }
            }

            if (!held)
            {
                // In use by something outside Fleet's view of the node: nothing to evict.
                return null;
            }
        }

        var need = new ResourceVector(
            Math.Max(0, demand.CpuMillis - free.CpuMillis),
            Math.Max(0, demand.MemoryBytes - free.MemoryBytes),
            free.Pids == long.MaxValue ? 0 : Math.Max(0, demand.Pids - free.Pids));
        var remaining = need;
        foreach (var victim in victims)
        {
            remaining -= victim.Resources;
        }

        var pool = workloads
            .Where(w => w.Priority < priority && !victims.Contains(w) && !isProtected(w))
            .OrderBy(w => w.Priority)
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToList();
        while (!IsMet(remaining))
        {
            if (pool.Count == 0)
            {
                return null;
            }

            var tier = pool[0].Priority;
            var best = -1;
            var bestGain = 0.0;
            for (var i = 0; i < pool.Count && pool[i].Priority == tier; i++)
            {
                var gain = Gain(pool[i].Resources, remaining, need);
                if (gain > bestGain)
                {
                    (best, bestGain) = (i, gain);
                }
            }

            if (best < 0)
            {
                // Nobody at this priority frees anything that is short: look one priority up.
                pool.RemoveAll(w => w.Priority == tier);
                continue;
            }

            victims.Add(pool[best]);
            remaining -= pool[best].Resources;
            pool.RemoveAt(best);
        }

        // Reprieve: most important first, keep every victim that is not needed after all.
        var optional = victims.Skip(mandatory)
            .OrderByDescending(w => w.Priority)
            .ThenBy(w => Gain(w.Resources, need, need))
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var victim in optional)
        {
            if (IsMet(remaining + victim.Resources))
            {
                victims.Remove(victim);
                remaining += victim.Resources;
            }
        }

        return victims;
    }

    public static PreemptionHarm Harm(List<PlacedWorkload> victims)
    {
        var highest = int.MinValue;
        long sum = 0;
        foreach (var victim in victims)
        {
            highest = Math.Max(highest, victim.Priority);
            sum += victim.Priority;
        }

        return new PreemptionHarm(highest, victims.Count, sum);
    }

    private static bool IsMet(ResourceVector remaining) =>
        remaining.CpuMillis <= 0 && remaining.MemoryBytes <= 0 && remaining.Pids <= 0;

    /// <summary>How much of what is still short a workload frees, each short dimension weighed by the whole need.</summary>
    private static double Gain(ResourceVector resources, ResourceVector remaining, ResourceVector need) =>
        Part(resources.CpuMillis, remaining.CpuMillis, need.CpuMillis)
        + Part(resources.MemoryBytes, remaining.MemoryBytes, need.MemoryBytes)
        + Part(resources.Pids, remaining.Pids, need.Pids);

    private static double Part(long frees, long remaining, long need) =>
        remaining <= 0 || need <= 0 ? 0 : Math.Min(frees, remaining) / (double)need;
}
