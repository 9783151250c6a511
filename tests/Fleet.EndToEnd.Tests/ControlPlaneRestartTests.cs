using Fleet.Contracts.V1;

namespace Fleet.EndToEnd.Tests;

public sealed class ControlPlaneRestartTests
{
    [Fact]
    public async Task A_restarted_control_plane_keeps_the_workload_record_and_logs()
    {
        await using var cluster = await FleetCluster.StartAsync();
        var run = await cluster.FleetAsync("run", "--name", "survivor", "--", "sh", "-c", "echo before restart");
        Assert.True(run.ExitCode == 0, run.ToString());
        var before = await cluster.WaitForStateAsync("survivor", WorkloadState.Exited);

        await cluster.RestartControlPlaneAsync();

        var after = await cluster.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = "survivor" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(WorkloadState.Exited, after.State);
        Assert.Equal(0, after.ExitCode);
        Assert.Equal(before.History.Select(h => h.State), after.History.Select(h => h.State));

        var logs = await cluster.FleetAsync("logs", "survivor");
        Assert.Equal("before restart", logs.Stdout.Trim());
    }
}
