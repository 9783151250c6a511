using System.Diagnostics;
using Fleet.Domain;
using Fleet.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Grains.Workloads;

/// <summary>
/// One workload: its spec, desired and observed state, placement and history. Placement is
/// optimistic: rank the nodes of the index's cached view, ask the best node's grain to reserve,
/// and on a rejection (the view was stale) try the next, a bounded number of times. It calls the
/// index and node grains, which never wait on it, so no call cycle can form.
/// </summary>
internal sealed partial class WorkloadGrain(
    [PersistentState("workload", FleetStorage.Name)] IPersistentState<WorkloadState> state,
    IPlacementPolicy placement,
    FleetMetrics metrics,
    [FromKeyedServices(FleetClock.Key)] TimeProvider clock,
    ILogger<WorkloadGrain> logger) : Grain, IWorkloadGrain
{
    /// <summary>Reservations asked per placement attempt before waiting for the next retry.</summary>
    private const int MaxReservations = 3;

    private const string WaitingForNode = "waiting for a node";

    private string WorkloadId => this.GetPrimaryKeyString();

    private WorkloadSnapshot? Workload => state.State.Workload;

    private bool NeedsPlacement =>
        Workload is { Phase: WorkloadPhase.Pending, NodeId: null } && !state.State.DesiredStopped;

    public async Task<SubmitOutcome> Submit(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Workload is { } existing)
        {
            // The id is the workload's identity: a repeated submission gets what is stored.
            return new SubmitOutcome(existing, null);
        }

        var holder = await Index.ClaimName(spec.Name, WorkloadId);
        if (holder != WorkloadId)
        {
            return new SubmitOutcome(null, holder);
        }

        var now = clock.GetUtcNow();
        state.State.Workload = new WorkloadSnapshot(
            WorkloadId, spec, WorkloadPhase.Pending, NodeId: null, ExitCode: null, WaitingForNode, now,
            [new StateChange(WorkloadPhase.Pending, now, "submitted")], Version: 1);
        await SaveAndPublish();
        LogSubmitted(logger, WorkloadId, spec.Name);

        await TryPlace();
        return new SubmitOutcome(Workload, null);
    }

    public Task<WorkloadSnapshot?> Get() => Task.FromResult(Workload);

    public async Task<WorkloadSnapshot?> Stop()
    {
        if (Workload is not { } workload)
        {
            return null;
        }

        if (workload.Phase.IsTerminal())
        {
            return workload;
        }

        state.State.DesiredStopped = true;
        if (workload.NodeId is not { } nodeId)
        {
            await Change(WorkloadPhase.Stopped, exitCode: null, "stopped before it was placed", clock.GetUtcNow());
        }
        else if (workload.Phase == WorkloadPhase.Pending)
        {
            // Its agent never reported it started: once it leaves the node's desired set, the
            // agent has nothing to stop, and any late report of it is ignored as out of a terminal phase.
            await Node(nodeId).Release(WorkloadId);
            await Change(WorkloadPhase.Stopped, exitCode: null, $"stopped before it started on node {nodeId}", clock.GetUtcNow());
        }
        else
        {
            // The agent stops what leaves its desired set and reports Stopped; the phase waits for that.
            Update(workload with { Reason = $"stopping: node {nodeId} was asked to stop it" });
            await SaveAndPublish();
            await Node(nodeId).Release(WorkloadId);
        }

        LogStopRequested(logger, WorkloadId);
        return Workload;
    }

    public async Task Report(WorkloadStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Workload is not { } workload)
        {
            LogUnknownReport(logger, WorkloadId, report.NodeId);
            DeactivateOnIdle();
            return;
        }

        if (workload.NodeId != report.NodeId)
        {
            LogForeignReport(logger, WorkloadId, report.NodeId, workload.NodeId);
            return;
        }

        if (workload.Phase.IsTerminal() && report.Phase.IsTerminal())
        {
            if (workload.FinalUsage is null && report.FinalUsage is not null)
            {
                // The final accounting of a workload whose end was recorded before its node reported it.
                Update(workload with { FinalUsage = report.FinalUsage });
                await SaveAndPublish();
            }

            // The agent still holds it, so the release may have failed: releasing again is idempotent.
            await Node(report.NodeId).Release(WorkloadId);
            return;
        }

        if (workload.Phase.IsTerminal() || !WorkloadPhases.IsForward(workload.Phase, report.Phase))
        {
            return;
        }

        // States it passed through between two heartbeats are history too, in the order the agent saw them.
        foreach (var earlier in report.Earlier.IsDefault ? [] : report.Earlier)
        {
            if (!earlier.Phase.IsTerminal() && WorkloadPhases.IsForward(Workload!.Phase, earlier.Phase) && WorkloadPhases.IsForward(earlier.Phase, report.Phase))
            {
                var earlierReason = string.IsNullOrEmpty(earlier.Reason) ? DefaultReason(report with { Phase = earlier.Phase }, report.NodeId) : earlier.Reason;
                await Change(earlier.Phase, null, earlierReason, earlier.At);
            }
        }

        var reason = string.IsNullOrEmpty(report.Reason) ? DefaultReason(report, report.NodeId) : report.Reason;
        await Change(report.Phase, report.Phase.IsTerminal() ? report.ExitCode : null, reason, report.At, report.Phase.IsTerminal() ? report.FinalUsage : null);
        LogPhase(logger, WorkloadId, report.Phase, report.NodeId);
        if (report.Phase.IsTerminal())
        {
            await Node(report.NodeId).Release(WorkloadId);
        }
    }

    public async Task Place()
    {
        if (Workload is null)
        {
            DeactivateOnIdle();
            return;
        }

        if (NeedsPlacement)
        {
            await TryPlace();
        }
        else
        {
            // The index asked because it believes this workload waits: its copy is stale, correct it.
            await Index.Publish(Workload);
        }
    }

    private IWorkloadIndexGrain Index => GrainFactory.GetGrain<IWorkloadIndexGrain>(IWorkloadIndexGrain.Key);

    private INodeGrain Node(string nodeId) => GrainFactory.GetGrain<INodeGrain>(nodeId);

    private async Task TryPlace()
    {
        if (!NeedsPlacement || Workload is not { } workload)
        {
            return;
        }

        using var activity = FleetTelemetry.ActivitySource.StartActivity("place workload");
        activity?.SetTag("fleet.workload.id", WorkloadId);
        var spec = workload.Spec;
        var request = new PlacementRequest(new ResourceRequest(spec.MemoryBytes, spec.CpuMillis), spec.Rootfs);
        var rejections = new List<NodeRejection>();
        var reason = WaitingForNode;
        for (var attempt = 0; attempt < MaxReservations; attempt++)
        {
            // Each attempt re-reads the view: a rejection means it was stale.
            var nodes = await GrainFactory.GetGrain<INodeIndexGrain>(INodeIndexGrain.Key).List();
            var decision = placement.Place([.. nodes.Select(Candidate)], request);
            var nodeId = decision.Feasible.FirstOrDefault(id => rejections.TrueForAll(r => r.NodeId != id));
            if (nodeId is null)
            {
                reason = rejections.Count == 0 || !decision.IsFeasible
                    ? decision.Reason
                    : "every node that seemed to fit refused it: " + string.Join("; ", rejections);
                break;
            }

            var reservation = await Reserve(nodeId, workload);
            if (reservation.Accepted)
            {
                activity?.SetTag("fleet.node.id", nodeId);
                Update(workload with { NodeId = nodeId, Reason = $"placed on node {nodeId}, waiting for it to start" });
                await SaveAndPublish();
                LogPlaced(logger, WorkloadId, nodeId, attempt + 1);
                return;
            }

            rejections.Add(new NodeRejection(nodeId, reservation.Reason));
            reason = "every node that seemed to fit refused it: " + string.Join("; ", rejections);
        }

        activity?.SetStatus(ActivityStatusCode.Error, reason);
        LogUnplaced(logger, WorkloadId, reason);
        if (workload.Reason != reason)
        {
            Update(workload with { Reason = reason });
            await SaveAndPublish();
        }
    }

    private async Task<Reservation> Reserve(string nodeId, WorkloadSnapshot workload)
    {
        using var activity = FleetTelemetry.ActivitySource.StartActivity("reserve on node");
        activity?.SetTag("fleet.workload.id", WorkloadId);
        activity?.SetTag("fleet.node.id", nodeId);
        Reservation reservation;
        try
        {
            reservation = await Node(nodeId).Reserve(new Assignment(WorkloadId, workload.Spec));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An unreachable node grain is a rejection like any other: try the next node.
            reservation = new Reservation(false, $"node {nodeId} did not answer: {ex.Message}");
        }

        if (reservation.Accepted)
        {
            metrics.PlacementAccepted();
        }
        else
        {
            metrics.PlacementRejected();
            activity?.SetStatus(ActivityStatusCode.Error, reservation.Reason);
        }

        return reservation;
    }

    private Task Change(WorkloadPhase phase, int? exitCode, string reason, DateTimeOffset at, WorkloadFinalUsage? finalUsage = null)
    {
        var workload = Workload!;
        Update(workload with
        {
            Phase = phase,
            ExitCode = exitCode,
            Reason = reason,
            History = workload.History.Add(new StateChange(phase, at, reason)),
            FinalUsage = finalUsage ?? workload.FinalUsage,
        });
        return SaveAndPublish();
    }

    private void Update(WorkloadSnapshot workload) =>
        state.State.Workload = workload with { Version = workload.Version + 1 };

    /// <summary>Every change is durable before anyone hears of it.</summary>
    private async Task SaveAndPublish()
    {
        await state.WriteStateAsync();
        await Index.Publish(Workload!);
    }

    private static NodeCandidate Candidate(NodeSnapshot node) => new(
        node.Id,
        node.Ready,
        new ResourceRequest(node.CapacityMemoryBytes, node.CapacityCpuMillis),
        new ResourceRequest(node.AllocatedMemoryBytes, node.AllocatedCpuMillis),
        node.RootfsNames);

    private static string DefaultReason(WorkloadStatusReport report, string nodeId) => report.Phase switch
    {
        WorkloadPhase.Starting => $"starting on node {nodeId}",
        WorkloadPhase.Running => $"running on node {nodeId}",
        WorkloadPhase.Exited => $"exited with code {report.ExitCode}",
        WorkloadPhase.Failed => "failed",
        WorkloadPhase.Stopped => "stopped",
        _ => string.Empty,
    };
}
