using Fleet.ControlPlane.Tests.Support;
using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.ControlPlane.Tests;

/// <summary>Logs live on the nodes: the control plane relays them from the workload's node agent.</summary>
public sealed class WorkloadLogTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private RunningControlPlane Host => fixture.Host;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_come_from_the_node_agent_and_fail_clearly_when_unplaced_or_unreachable()
    {
        await using var liveAgent = await FakeAgentServer.Start();
        var live = new ScriptedAgent(Host.Agents, "live-node", liveAgent.Address);
        await live.Register(cpuMillis: 1000, memoryBytes: Specs.Gi);

        // Placed on a node whose agent answers: its chunks come through, stream by stream.
        var placed = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("logged", cpuMillis: 600)), cancellationToken: Cancellation);
        Assert.Equal("live-node", placed.NodeId);
        using (var logs = Host.Workloads.StreamLogs(new StreamLogsRequest { Workload = "logged", Follow = true }, cancellationToken: Cancellation))
        {
            var chunks = await logs.ResponseStream.ReadAllAsync(Cancellation).ToListAsync(Cancellation);
            Assert.Equal(FakeAgentServer.Chunks, chunks);
        }

        var asked = Assert.Single(liveAgent.Requests);
        Assert.Equal(placed.Id, asked.WorkloadId);
        Assert.True(asked.Follow);

        // No node has room for a second one: it waits, and has no logs yet.
        var waiting = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("waiting", cpuMillis: 600)), cancellationToken: Cancellation);
        Assert.Equal(WorkloadState.Pending, waiting.State);
        Assert.Equal("", waiting.NodeId);
        var unplaced = await RpcAssert.Fails(StatusCode.FailedPrecondition, async () =>
        {
            using var logs = Host.Workloads.StreamLogs(new StreamLogsRequest { Workload = "waiting" }, cancellationToken: Cancellation);
            await logs.ResponseStream.MoveNext(Cancellation);
        });
        Assert.Contains("has not been placed on a node yet", unplaced.Status.Detail, StringComparison.Ordinal);

        // A node whose agent does not answer joins; the waiting workload lands there.
        var deadAddress = $"127.0.0.1:{ClosedPort()}";
        await new ScriptedAgent(Host.Agents, "dead-node", deadAddress).Register(cpuMillis: 1000, memoryBytes: Specs.Gi);
        var placedOnDead = await Streams.Eventually(
            () => Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = "waiting" }, cancellationToken: Cancellation).ResponseAsync,
            workload => workload.NodeId.Length > 0);
        Assert.Equal("dead-node", placedOnDead.NodeId);

        var unreachable = await RpcAssert.Fails(StatusCode.Unavailable, async () =>
        {
            using var logs = Host.Workloads.StreamLogs(new StreamLogsRequest { Workload = "waiting" }, cancellationToken: Cancellation);
            await logs.ResponseStream.MoveNext(Cancellation);
        });
        Assert.Contains("dead-node", unreachable.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(deadAddress, unreachable.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>A loopback port that refuses connections: bound to find it, then closed.</summary>
    private static int ClosedPort() => FreePorts.Next();
}
