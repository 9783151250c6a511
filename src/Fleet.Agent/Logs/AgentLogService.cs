using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using Google.Rpc;
using Grpc.Core;
using AgentServiceBase = Fleet.Contracts.V1.Agent.AgentBase;

namespace Fleet.Agent.Logs;

/// <summary><c>fleet.v1.Agent</c>: the control plane reads workload logs from here.</summary>
internal sealed class AgentLogService(WorkloadLogStore logs, WorkloadReconciler reconciler) : AgentServiceBase
{
    public override async Task StreamLogs(AgentStreamLogsRequest request, IServerStreamWriter<LogChunk> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);

        var id = request.WorkloadId;
        if (!WorkloadId.IsValid(id))
        {
            throw InvalidWorkloadId(id);
        }

        if (!logs.Exists(id) && reconciler.Find(id) is null)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, $"workload {id} has no logs on this node"));
        }

        // A workload the agent no longer has a record of finished long ago.
        bool HasFinished() => reconciler.Find(id) is not { IsFinished: false };

        await foreach (var chunk in logs.ReadAsync(id, request.Follow, HasFinished, context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(chunk, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private static RpcException InvalidWorkloadId(string id)
    {
        var badRequest = new BadRequest
        {
            FieldViolations =
            {
                new BadRequest.Types.FieldViolation { Field = "workload_id", Description = $"workload_id {WorkloadId.Rule}" },
            },
        };
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = id.Length == 0 ? "workload_id is required" : $"workload_id '{id}' is not a workload id",
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }
}
