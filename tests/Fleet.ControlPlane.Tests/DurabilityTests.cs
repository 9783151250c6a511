using Fleet.ControlPlane.Tests.Support;
using Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Tests;

/// <summary>The embedded store keeps every record across a restart of the control plane.</summary>
public sealed class DurabilityTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restarted_control_plane_over_the_same_data_directory_still_has_the_workload_and_its_history()
    {
        using var data = new TempDirectory();
        Workload before;
        await using (var first = await RunningControlPlane.Start(data.Path))
        {
            var agent = new ScriptedAgent(first.Agents, "node-1");
            await agent.Register(cpuMillis: 1000, memoryBytes: Specs.Gi);
            var submitted = await first.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("durable")), cancellationToken: Cancellation);
            await agent.Report(submitted.Id, WorkloadState.Running);
            await agent.Report(submitted.Id, WorkloadState.Exited, exitCode: 7);
            before = await first.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = submitted.Id }, cancellationToken: Cancellation);
            Assert.Equal(WorkloadState.Exited, before.State);
        }

        Assert.True(File.Exists(Path.Combine(data.Path, "fleet.db")));

        await using var second = await RunningControlPlane.Start(data.Path);
        var after = await second.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = "durable" }, cancellationToken: Cancellation);
        Assert.Equal(before, after);
        Assert.Equal(7, after.ExitCode);
        Assert.Equal(
            [WorkloadState.Pending, WorkloadState.Running, WorkloadState.Exited],
            after.History.Select(change => change.State));

        var listed = await second.Workloads.ListWorkloadsAsync(new ListWorkloadsRequest(), cancellationToken: Cancellation);
        Assert.Equal(before.Id, Assert.Single(listed.Workloads).Id);

        var node = await second.Nodes.GetNodeAsync(new GetNodeRequest { Node = "node-1" }, cancellationToken: Cancellation);
        Assert.Equal(1000, node.Capacity.CpuMillis);
    }
}
