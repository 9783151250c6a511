using Fleet.ControlPlane.Api;
using Fleet.ControlPlane.Usage;
using Fleet.ControlPlane.Workloads;
using Fleet.Grains;
using Grpc.Core;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Agents;

/// <summary>
/// The API node agents call: join the cluster, prove liveness and report workload states, and
/// watch the node's desired set of assignments. An adapter over the node and workload grains.
/// </summary>
internal sealed partial class AgentControlService(IGrainFactory grains, UsageStore usage, TimeProvider time, ILogger<AgentControlService> logger)
    : Proto.AgentControl.AgentControlBase
{
    /// <summary>How long one long-poll of the node grain waits for a change before it is asked again.</summary>
    public static readonly TimeSpan PollWait = TimeSpan.FromSeconds(15);

    public override async Task<Proto.RegisterResponse> Register(Proto.RegisterRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = AgentRequestValidation.Validate(request);
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        var registration = new NodeRegistration(
            request.Address,
            request.Capacity.CpuMillis,
            request.Capacity.MemoryBytes,
            [.. request.RootfsNames.Distinct(StringComparer.Ordinal)]);
        await grains.GetGrain<INodeGrain>(request.NodeId).Register(registration);
        LogRegistered(logger, request.NodeId, request.Address, request.Capacity.CpuMillis, request.Capacity.MemoryBytes, registration.RootfsNames);
        return new Proto.RegisterResponse { NodeId = request.NodeId };
    }

    public override async Task<Proto.HeartbeatResponse> Heartbeat(Proto.HeartbeatRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = AgentRequestValidation.Validate(request);
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        if (!await grains.GetGrain<INodeGrain>(request.NodeId).Heartbeat())
        {
            // Reports from a node the control plane does not know would name workloads it does
            // not know either; the agent registers again and its next heartbeat counts.
            LogUnknownNode(logger, request.NodeId);
            return new Proto.HeartbeatResponse { Known = false };
        }

        var now = time.GetUtcNow();
        usage.Record(request.NodeId, request.Usage, request.NodeUsage);
        await Task.WhenAll(request.Workloads.Select(status =>
            grains.GetGrain<IWorkloadGrain>(status.WorkloadId).Report(new WorkloadStatusReport(
                request.NodeId,
                status.State.ToPhase()!.Value,
                status.HasExitCode ? status.ExitCode : null,
                status.Reason,
                status.At?.ToDateTimeOffset() ?? now,
                [.. status.Earlier.Select(earlier => new StateChange(earlier.State.ToPhase()!.Value, earlier.At?.ToDateTimeOffset() ?? now, earlier.Reason))],
                status.FinalUsage.ToGrain(now)))));
        return new Proto.HeartbeatResponse { Known = true };
    }

    public override async Task WatchAssignments(
        Proto.WatchAssignmentsRequest request, IServerStreamWriter<Proto.AssignmentSet> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(request.NodeId))
        {
            throw RpcErrors.InvalidArgument("node_id", "must name the node");
        }

        var node = grains.GetGrain<INodeGrain>(request.NodeId);
        if (await node.Get() is null)
        {
            throw RpcErrors.NotFound($"node '{request.NodeId}' is not registered: call Register first");
        }

        LogWatching(logger, request.NodeId);
        var cancellation = context.CancellationToken;
        try
        {
            long? sentVersion = null;
            while (!cancellation.IsCancellationRequested)
            {
                // -1 is a version no set has, so the first call answers at once with the current set.
                var set = await node.WaitForAssignments(sentVersion ?? -1, PollWait).WaitAsync(cancellation);
                if (set.Version != sentVersion)
                {
                    await responseStream.WriteAsync(set.ToProto(), cancellation);
                    sentVersion = set.Version;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The agent disconnected: it watches again when it reconnects.
        }
    }
}
