using Fleet.Contracts.V1;

namespace Fleet.EndToEnd.Tests;

public sealed class TwoNodeTests
{
    [Fact]
    public async Task Workloads_that_do_not_fit_on_one_node_run_on_the_other()
    {
        // Each node holds one 0.75-core workload: the second must go to the other node.
        await using var cluster = await FleetCluster.StartAsync(
            new AgentSettings("node-a", CpuMillis: 1000, MemoryBytes: 1L << 30),
            new AgentSettings("node-b", CpuMillis: 1000, MemoryBytes: 1L << 30));

        foreach (var name in new[] { "first", "second" })
        {
            var run = await cluster.FleetAsync("run", "--name", name, "--cpu", "0.75", "--", "sleep", "1000");
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        var first = await cluster.WaitForStateAsync("first", WorkloadState.Running);
        var second = await cluster.WaitForStateAsync("second", WorkloadState.Running);
        Assert.Equal(["node-a", "node-b"], new[] { first.NodeId, second.NodeId }.Order(StringComparer.Ordinal));

        // A third fits nowhere: it waits, with the reason, and runs once capacity appears.
        var third = await cluster.FleetAsync("run", "--name", "third", "--cpu", "0.75", "--", "/bin/true");
        Assert.True(third.ExitCode == 0, third.ToString());
        var pending = await cluster.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = "third" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(WorkloadState.Pending, pending.State);
        Assert.False(string.IsNullOrEmpty(pending.Reason), pending.ToString());

        var stop = await cluster.FleetAsync("stop", "first");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var placed = await cluster.WaitForStateAsync("third", WorkloadState.Exited);
        Assert.Equal(first.NodeId, placed.NodeId);
    }
}
