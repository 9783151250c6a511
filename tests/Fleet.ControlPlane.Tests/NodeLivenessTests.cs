using Fleet.ControlPlane.Tests.Support;
using Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Tests;

/// <summary>Liveness: a node is DOWN once it misses its heartbeats, READY again with the next one.</summary>
public sealed class NodeLivenessTests(NodeLivenessTests.ShortHeartbeatFixture fixture) : IClassFixture<NodeLivenessTests.ShortHeartbeatFixture>
{
    private RunningControlPlane Host => fixture.Host;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_that_stops_heartbeating_is_down_and_ready_again_when_it_returns()
    {
        var agent = new ScriptedAgent(Host.Agents, "node-quiet", "127.0.0.1:7412");
        await agent.Register(cpuMillis: 1000, memoryBytes: Specs.Gi);

        var down = await Streams.Eventually(
            () => Host.Nodes.GetNodeAsync(new GetNodeRequest { Node = "node-quiet" }, cancellationToken: Cancellation).ResponseAsync,
            node => node.State == NodeState.Down);
        Assert.Equal(NodeState.Down, down.State);
        Assert.Contains(
            (await Host.Nodes.ListNodesAsync(new ListNodesRequest(), cancellationToken: Cancellation)).Nodes,
            node => node.Id == "node-quiet" && node.State == NodeState.Down);

        // Nothing is placed on a node that is down: a valid workload waits, saying why.
        var waiting = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("waits-for-node")), cancellationToken: Cancellation);
        Assert.Equal(WorkloadState.Pending, waiting.State);
        Assert.Equal("", waiting.NodeId);
        Assert.NotEqual("", waiting.Reason);

        Assert.True(await agent.Heartbeat());
        var back = await Host.Nodes.GetNodeAsync(new GetNodeRequest { Node = "node-quiet" }, cancellationToken: Cancellation);
        Assert.Equal(NodeState.Ready, back.State);
        Assert.True(back.LastHeartbeat.ToDateTimeOffset() > down.LastHeartbeat.ToDateTimeOffset());

        // Back up, the node takes the waiting workload.
        var placed = await Streams.Eventually(
            () => Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = waiting.Id }, cancellationToken: Cancellation).ResponseAsync,
            workload => workload.NodeId.Length > 0);
        Assert.Equal("node-quiet", placed.NodeId);
    }

    /// <summary>A host whose nodes are down after two seconds without a heartbeat.</summary>
    public sealed class ShortHeartbeatFixture : ControlPlaneFixture
    {
        protected override string[] Settings => ["Fleet:NodeHeartbeatTimeout=00:00:02"];
    }
}
