using System.Collections.Immutable;
using Fleet.Domain;
using Fleet.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleet.Grains.Nodes;

/// <summary>
/// One node: the authority on its free capacity. Requests are not interleaved (except the
/// read-only long poll), so two racing reservations are decided one after the other and can never
/// overcommit it. It calls other grains only one-way, so no call cycle can deadlock through it.
/// </summary>
internal sealed partial class NodeGrain(
    [PersistentState("node", FleetStorage.Name)] IPersistentState<NodeState> state,
    IOptions<FleetGrainOptions> options,
    [FromKeyedServices(FleetClock.Key)] TimeProvider clock,
    ILogger<NodeGrain> logger) : Grain, INodeGrain
{
    /// <summary>The long poll never waits longer than this, to stay well inside Orleans' 30 s response timeout.</summary>
    private static readonly TimeSpan MaxAssignmentWait = TimeSpan.FromSeconds(25);

    private readonly TimeSpan _heartbeatTimeout = options.Value.NodeHeartbeatTimeout;
    private DateTimeOffset? _lastHeartbeat;
    private DateTimeOffset _lastPublished = DateTimeOffset.MinValue;
    private AssignmentSet _assignments = new(0, []);
    private TaskCompletionSource _assignmentsChanged = NewSignal();

    private string NodeId => this.GetPrimaryKeyString();

    // Heartbeats republish at this pace so the index's copy of LastHeartbeat never looks stale.
    private TimeSpan PublishInterval => _heartbeatTimeout / 4;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _assignments = CurrentAssignments();
        return Task.CompletedTask;
    }

    public async Task Register(NodeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (!SameRegistration(state.State.Registration, registration))
        {
            state.State.Registration = registration;
            await state.WriteStateAsync();
            LogRegistered(logger, NodeId, registration.Address, registration.CpuMillis, registration.MemoryBytes);
        }

        _lastHeartbeat = clock.GetUtcNow();
        Publish();

        // The node's capacity may be new: pending workloads get another chance.
        await IndexOfWorkloads.RetryPending();
    }

    public async Task<bool> Heartbeat()
    {
        if (state.State.Registration is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var wasReady = IsReady(now);
        _lastHeartbeat = now;
        if (!wasReady || now - _lastPublished >= PublishInterval)
        {
            Publish();
        }

        if (!wasReady)
        {
            LogBackUp(logger, NodeId);
            await IndexOfWorkloads.RetryPending();
        }

        return true;
    }

    public async Task<Reservation> Reserve(Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (state.State.Assignments.ContainsKey(assignment.WorkloadId))
        {
            return new Reservation(true, string.Empty);
        }

        var rejection = WhyNot(assignment.Spec);
        if (rejection is not null)
        {
            LogRejected(logger, assignment.WorkloadId, NodeId, rejection);
            return new Reservation(false, rejection);
        }

        state.State.Assignments[assignment.WorkloadId] = assignment;
        state.State.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not reserved: the caller sees the error and may try elsewhere.
            state.State.Assignments.Remove(assignment.WorkloadId);
            state.State.Version--;
            throw;
        }

        LogReserved(logger, assignment.WorkloadId, NodeId);
        AssignmentsChanged();
        return new Reservation(true, string.Empty);
    }

    public async Task Release(string workloadId)
    {
        if (!state.State.Assignments.TryGetValue(workloadId, out var assignment))
        {
            return;
        }

        state.State.Assignments.Remove(workloadId);
        state.State.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Assignments[workloadId] = assignment;
            state.State.Version--;
            throw;
        }

        LogReleased(logger, workloadId, NodeId);
        AssignmentsChanged();
        await IndexOfWorkloads.RetryPending();
    }

    public Task<NodeSnapshot?> Get() => Task.FromResult(Snapshot(clock.GetUtcNow()));

    public async Task<AssignmentSet> WaitForAssignments(long knownVersion, TimeSpan maxWait)
    {
        var current = _assignments;
        if (current.Version != knownVersion || maxWait <= TimeSpan.Zero)
        {
            return current;
        }

        var wait = maxWait < MaxAssignmentWait ? maxWait : MaxAssignmentWait;
        using var timeout = new CancellationTokenSource();
        var changed = _assignmentsChanged.Task;
        var first = await Task.WhenAny(changed, Task.Delay(wait, clock, timeout.Token));
        if (first == changed)
        {
            await timeout.CancelAsync();
        }

        return _assignments;
    }

    private IWorkloadIndexGrain IndexOfWorkloads => GrainFactory.GetGrain<IWorkloadIndexGrain>(IWorkloadIndexGrain.Key);

    private string? WhyNot(WorkloadSpec spec)
    {
        var registration = state.State.Registration;
        if (registration is null)
        {
            return $"node {NodeId} is not registered";
        }

        if (!IsReady(clock.GetUtcNow()))
        {
            return _lastHeartbeat is { } last
                ? $"node {NodeId} is down: last heard from at {last:O}"
                : $"node {NodeId} is down: not heard from since the control plane started";
        }

        if (!registration.RootfsNames.Contains(spec.Rootfs, StringComparer.Ordinal))
        {
            return $"node {NodeId} has no rootfs \"{spec.Rootfs}\"";
        }

        var noRoom = NodeFit.WhyNoRoom(
            new ResourceRequest(registration.MemoryBytes, registration.CpuMillis),
            Allocated(),
            new ResourceRequest(spec.MemoryBytes, spec.CpuMillis));
        return noRoom is null ? null : $"node {NodeId} {noRoom}";
    }

    private ResourceRequest Allocated()
    {
        long cpu = 0, memory = 0;
        foreach (var assignment in state.State.Assignments.Values)
        {
            cpu += assignment.Spec.CpuMillis;
            memory += assignment.Spec.MemoryBytes;
        }

        return new ResourceRequest(memory, cpu);
    }

    private bool IsReady(DateTimeOffset now) => _lastHeartbeat is { } last && now - last <= _heartbeatTimeout;

    private NodeSnapshot? Snapshot(DateTimeOffset now)
    {
        var registration = state.State.Registration;
        if (registration is null)
        {
            return null;
        }

        var allocated = Allocated();
        return new NodeSnapshot(
            NodeId,
            registration.Address,
            registration.CpuMillis,
            registration.MemoryBytes,
            allocated.CpuMillis,
            allocated.MemoryBytes,
            IsReady(now),
            _lastHeartbeat,
            state.State.Assignments.Count,
            registration.RootfsNames);
    }

    private void Publish()
    {
        var now = clock.GetUtcNow();
        if (Snapshot(now) is { } snapshot)
        {
            _lastPublished = now;
            GrainFactory.GetGrain<INodeIndexGrain>(INodeIndexGrain.Key).Publish(snapshot).Ignore();
        }
    }

    private void AssignmentsChanged()
    {
        _assignments = CurrentAssignments();
        var waiters = _assignmentsChanged;
        _assignmentsChanged = NewSignal();
        waiters.SetResult();
        Publish();
    }

    private AssignmentSet CurrentAssignments() => new(
        state.State.Version,
        [.. state.State.Assignments.Values.OrderBy(a => a.WorkloadId, StringComparer.Ordinal)]);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool SameRegistration(NodeRegistration? stored, NodeRegistration offered) =>
        stored is not null
        && stored.Address == offered.Address
        && stored.CpuMillis == offered.CpuMillis
        && stored.MemoryBytes == offered.MemoryBytes
        && stored.RootfsNames.SequenceEqual(offered.RootfsNames, StringComparer.Ordinal);
}
