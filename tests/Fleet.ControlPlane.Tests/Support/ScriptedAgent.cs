using Fleet.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.ControlPlane.Tests.Support;

/// <summary>
/// The test playing a node agent through the AgentControl API: registering, heartbeating with
/// the workload states the test chooses.
/// </summary>
internal sealed class ScriptedAgent(AgentControl.AgentControlClient agents, string nodeId, string address = "127.0.0.1:7410")
{
    public string NodeId { get; } = nodeId;

    public string Address { get; } = address;

    public async Task Register(long cpuMillis, long memoryBytes, params string[] rootfs)
    {
        var request = new RegisterRequest
        {
            NodeId = NodeId,
            Address = Address,
            Capacity = new Resources { CpuMillis = cpuMillis, MemoryBytes = memoryBytes },
        };
        request.RootfsNames.AddRange(rootfs.Length == 0 ? ["busybox"] : rootfs);
        var response = await agents.RegisterAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(NodeId, response.NodeId);
        Assert.True(await Heartbeat());
    }

    public async Task<bool> Heartbeat(params WorkloadStatus[] workloads)
    {
        var request = new HeartbeatRequest { NodeId = NodeId };
        request.Workloads.AddRange(workloads);
        var response = await agents.HeartbeatAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        return response.Known;
    }

    public Task Report(string workloadId, WorkloadState state, int? exitCode = null, string reason = "") =>
        Heartbeat(Status(workloadId, state, exitCode, reason));

    public static WorkloadStatus Status(string workloadId, WorkloadState state, int? exitCode = null, string reason = "")
    {
        var status = new WorkloadStatus
        {
            WorkloadId = workloadId,
            State = state,
            Reason = reason,
            At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        if (exitCode is { } code)
        {
            status.ExitCode = code;
        }

        return status;
    }
}
