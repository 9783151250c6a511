using Fleet.ControlPlane.Tests.Support;
using Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Tests;

/// <summary>The public node API: capacity, allocations and liveness as agents report them.</summary>
public sealed class NodeTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private RunningControlPlane Host => fixture.Host;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_shows_its_capacity_rootfs_allocations_and_readiness()
    {
        var agent = new ScriptedAgent(Host.Agents, "node-x", "127.0.0.1:7410");
        await agent.Register(cpuMillis: 2000, memoryBytes: Specs.Gi, "busybox", "alpine");

        var fresh = await Host.Nodes.GetNodeAsync(new GetNodeRequest { Node = "node-x" }, cancellationToken: Cancellation);
        Assert.Equal("127.0.0.1:7410", fresh.Address);
        Assert.Equal(2000, fresh.Capacity.CpuMillis);
        Assert.Equal(Specs.Gi, fresh.Capacity.MemoryBytes);
        Assert.Equal(0, fresh.Allocated.CpuMillis);
        Assert.Equal(NodeState.Ready, fresh.State);
        Assert.Equal(["alpine", "busybox"], fresh.RootfsNames.Order(StringComparer.Ordinal));
        Assert.InRange(fresh.LastHeartbeat.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddSeconds(1));

        var workload = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("allocated", cpuMillis: 500, memoryBytes: 64 * Specs.Mi)), cancellationToken: Cancellation);
        Assert.Equal("node-x", workload.NodeId);

        var listed = await Streams.Eventually(
            async () => (await Host.Nodes.ListNodesAsync(new ListNodesRequest(), cancellationToken: Cancellation)).Nodes.Single(node => node.Id == "node-x"),
            node => node.WorkloadCount == 1);
        Assert.Equal(1, listed.WorkloadCount);
        Assert.Equal(500, listed.Allocated.CpuMillis);
        Assert.Equal(64 * Specs.Mi, listed.Allocated.MemoryBytes);
        Assert.Equal(NodeState.Ready, listed.State);
    }
}
