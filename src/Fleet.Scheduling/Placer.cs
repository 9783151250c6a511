using System.Collections.Immutable;
using Fleet.Scheduling.Placement;

namespace Fleet.Scheduling;

/// <summary>
/// Decides where a workload goes, in the manner of Nomad's scheduler: a read-only
/// <see cref="ClusterSnapshot"/> and a <see cref="PlacementRequest"/> in, a <see cref="PlacementDecision"/>
/// out — no I/O, no clock, no state between calls, so any number of threads and silos can place at once.
/// <list type="number">
/// <item>Filters, in order, each with a reason: ready, not cordoned, label constraints, rootfs, CPU/memory/pids, host ports, hard affinities, hard topology spreads.</item>
/// <item>Scores feasible nodes (resource fit, soft spreads, soft affinities, job anti-affinity; mean of the parts) until the candidate limit, and ranks them.</item>
/// <item>When nothing fits, looks for the least harmful set of lower-priority workloads to preempt.</item>
/// </list>
/// </summary>
public sealed class Placer(PlacementOptions? options = null)
{
    public PlacementOptions Options { get; } = options ?? PlacementOptions.Default;

    public PlacementDecision Place(ClusterSnapshot snapshot, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        return new PlacementRun(snapshot, request, Options).Decide();
    }

    /// <summary>
    /// Decides each request in turn, applying every placed one (and its preemptions) to a scratch
    /// snapshot before the next, as placing the replicas of a job one after another would: the dry run
    /// of <c>fleet plan</c>. Changes nothing; <paramref name="snapshot"/> is immutable.
    /// </summary>
    public ImmutableArray<PlacementDecision> PlaceAll(ClusterSnapshot snapshot, IEnumerable<PlacementRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var decisions = ImmutableArray.CreateBuilder<PlacementDecision>();
        foreach (var request in requests)
        {
            var decision = Place(snapshot, request);
            decisions.Add(decision);
            if (decision.IsPlaced)
            {
                snapshot = snapshot.Apply(decision, request.ToPlacedWorkload(request.WorkloadId ?? request.DisplayName));
            }
        }

        return decisions.ToImmutable();
    }
}
