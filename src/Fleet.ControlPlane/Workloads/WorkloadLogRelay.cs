using Fleet.ControlPlane.Agents;
using Fleet.ControlPlane.Api;
using Fleet.Grains;
using Grpc.Core;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Workloads;

/// <summary>
/// Serves a workload's logs from its node: the log store lives on the node, so the control plane
/// calls that node's agent and forwards the chunks as they come.
/// </summary>
internal sealed partial class WorkloadLogRelay(IGrainFactory grains, AgentChannels agents, ILogger<WorkloadLogRelay> logger)
{
    public async Task Relay(string idOrName, bool follow, IServerStreamWriter<Proto.LogChunk> stream, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var workload = await grains.GetWorkload(idOrName, "workload");
        if (workload.NodeId is not { } nodeId)
        {
            var why = workload.Reason.Length == 0 ? "" : $" ({workload.Reason})";
            throw RpcErrors.FailedPrecondition($"workload '{idOrName}' has no logs: the workload has not been placed on a node yet{why}");
        }

        var node = await grains.GetGrain<INodeGrain>(nodeId).Get()
            ?? throw RpcErrors.Unavailable($"node '{nodeId}' of workload '{idOrName}' is not registered: its logs cannot be read");
        var client = new Proto.Agent.AgentClient(agents.For(node.Address));
        try
        {
            using var call = client.StreamLogs(
                new Proto.AgentStreamLogsRequest { WorkloadId = workload.Id, Follow = follow }, cancellationToken: cancellation);
            await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellation))
            {
                await stream.WriteAsync(chunk, cancellation);
            }
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable)
        {
            LogAgentUnreachable(logger, nodeId, node.Address, exception.Status.Detail);
            throw RpcErrors.Unavailable(
                $"the agent of node '{nodeId}' at {node.Address} is unreachable: {exception.Status.Detail}");
        }
        catch (Exception exception) when (cancellation.IsCancellationRequested &&
            exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // The client cancelled: the normal end of a followed stream.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent of node {NodeId} at {Address} is unreachable for logs: {Detail}")]
    private static partial void LogAgentUnreachable(ILogger logger, string nodeId, string address, string detail);
}
