namespace Fleet.Grains.Tests;

public sealed class LifecycleTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    private readonly Scenario _s = new(shared.Cluster.Grains);

    [Fact]
    public async Task Reports_drive_the_phases_and_the_history()
    {
        var node = await _s.RegisterNode("2", "1Gi");
        var workload = await _s.Submit("0.5", "64Mi");

        await _s.Report(workload, WorkloadPhase.Starting);
        Assert.Equal(WorkloadPhase.Starting, (await _s.Get(workload.Id)).Phase);
        await _s.Report(workload, WorkloadPhase.Running);
        Assert.Equal(WorkloadPhase.Running, (await _s.Get(workload.Id)).Phase);
        await _s.Report(workload, WorkloadPhase.Exited, exitCode: 3);

        var exited = await _s.Get(workload.Id);
        Assert.Equal(WorkloadPhase.Exited, exited.Phase);
        Assert.Equal(3, exited.ExitCode);
        Assert.Equal("exited with code 3", exited.Reason);
        Assert.Equal(node, exited.NodeId);
        Assert.Equal(
            [WorkloadPhase.Pending, WorkloadPhase.Starting, WorkloadPhase.Running, WorkloadPhase.Exited],
            exited.History.Select(h => h.Phase));
        Assert.Equal($"running on node {node}", exited.History[2].Reason);
        Assert.True(exited.Version > workload.Version);
    }

    [Fact]
    public async Task A_workload_that_passed_through_several_states_between_two_reports_still_shows_each()
    {
        var node = await _s.RegisterNode("2", "1Gi");
        var workload = await _s.Submit("0.5", "64Mi");
        var startedAt = DateTimeOffset.UtcNow.AddMilliseconds(-50);

        await _s.Report(workload, WorkloadPhase.Exited, exitCode: 0, reason: "", earlier:
        [
            new StateChange(WorkloadPhase.Pending, startedAt.AddMilliseconds(-20), ""),
            new StateChange(WorkloadPhase.Starting, startedAt.AddMilliseconds(-10), ""),
            new StateChange(WorkloadPhase.Running, startedAt, ""),
        ]);

        var exited = await _s.Get(workload.Id);
        Assert.Equal(
            [WorkloadPhase.Pending, WorkloadPhase.Starting, WorkloadPhase.Running, WorkloadPhase.Exited],
            exited.History.Select(h => h.Phase));
        Assert.Equal(startedAt, exited.History[2].At);
        Assert.Equal($"running on node {node}", exited.History[2].Reason);
        Assert.Equal(0, exited.ExitCode);
    }

    [Fact]
    public async Task A_terminal_phase_releases_the_capacity()
    {
        var node = await _s.RegisterNode("2", "1Gi");
        var workload = await _s.Submit("0.5", "64Mi");
        var before = await _s.Node(node).WaitForAssignments(-1, TimeSpan.Zero);

        await _s.Report(workload, WorkloadPhase.Failed, reason: "rootfs busybox is missing");

        var failed = await _s.Get(workload.Id);
        Assert.Equal(WorkloadPhase.Failed, failed.Phase);
        Assert.Equal("rootfs busybox is missing", failed.Reason);
        Assert.Null(failed.ExitCode);
        var snapshot = await _s.GetNode(node);
        Assert.Equal(0, snapshot.AllocatedCpuMillis);
        Assert.Equal(0, snapshot.WorkloadCount);
        var after = await _s.Node(node).WaitForAssignments(before.Version, TimeSpan.Zero);
        Assert.True(after.Version > before.Version);
        Assert.Empty(after.Assignments);
    }

    [Fact]
    public async Task Stale_repeated_and_foreign_reports_are_ignored()
    {
        await _s.RegisterNode("2", "1Gi");
        var workload = await _s.Submit("0.5", "64Mi");
        await _s.Report(workload, WorkloadPhase.Running);
        var running = await _s.Get(workload.Id);

        await _s.Report(workload, WorkloadPhase.Running);
        await _s.Report(workload, WorkloadPhase.Starting);
        await _s.Report(workload, WorkloadPhase.Pending);
        await _s.Workload(workload.Id).Report(new WorkloadStatusReport("some-other-node", WorkloadPhase.Exited, 0, "", DateTimeOffset.UtcNow));

        var unchanged = await _s.Get(workload.Id);
        Assert.Equal(WorkloadPhase.Running, unchanged.Phase);
        Assert.Equal(running.Version, unchanged.Version);
        Assert.Single(unchanged.History, h => h.Phase == WorkloadPhase.Running);

        await _s.Report(workload, WorkloadPhase.Exited, exitCode: 0);
        await _s.Report(workload, WorkloadPhase.Failed, reason: "late");
        await _s.Report(workload, WorkloadPhase.Running);
        var exited = await _s.Get(workload.Id);
        Assert.Equal(WorkloadPhase.Exited, exited.Phase);
        Assert.Equal(0, exited.ExitCode);
    }

    [Fact]
    public async Task Stopping_an_unplaced_workload_stops_it_at_once_and_it_is_never_placed()
    {
        var workload = await _s.Submit("1", "64Mi");
        Assert.Null(workload.NodeId);

        var stopped = await _s.Workload(workload.Id).Stop();

        Assert.NotNull(stopped);
        Assert.Equal(WorkloadPhase.Stopped, stopped.Phase);
        Assert.Equal("stopped before it was placed", stopped.Reason);
        await Eventually.Until(_s.WorkloadIndex.Pending, p => !p.Contains(workload.Id), "the index forgetting the stopped workload");

        var node = await _s.RegisterNode("4", "1Gi");
        await _s.Workload(workload.Id).Place();
        var after = await _s.Get(workload.Id);
        Assert.Equal(WorkloadPhase.Stopped, after.Phase);
        Assert.Null(after.NodeId);
        Assert.Equal(0, (await _s.GetNode(node)).WorkloadCount);
    }

    [Fact]
    public async Task Stopping_a_placed_workload_its_node_has_not_started_stops_it_and_frees_the_node()
    {
        var node = await _s.RegisterNode("2", "1Gi");
        var workload = await _s.Submit("0.5", "64Mi");

        var stopped = await _s.Workload(workload.Id).Stop();

        Assert.Equal(WorkloadPhase.Stopped, stopped!.Phase);
        Assert.Equal(0, (await _s.GetNode(node)).WorkloadCount);

        // The agent may have started it just before: its late reports change nothing.
        await _s.Report(workload, WorkloadPhase.Running);
        Assert.Equal(WorkloadPhase.Stopped, (await _s.Get(workload.Id)).Phase);
    }

    [Fact]
    public async Task Stopping_a_running_workload_leaves_it_running_until_its_node_reports_it_stopped()
    {
        var node = await _s.RegisterNode("2", "1Gi");
        var workload = await _s.Submit("0.5", "64Mi");
        await _s.Report(workload, WorkloadPhase.Running);

        var stopping = await _s.Workload(workload.Id).Stop();

        Assert.Equal(WorkloadPhase.Running, stopping!.Phase);
        Assert.Equal($"stopping: node {node} was asked to stop it", stopping.Reason);
        var set = await _s.Node(node).WaitForAssignments(-1, TimeSpan.Zero);
        Assert.DoesNotContain(set.Assignments, a => a.WorkloadId == workload.Id);
        Assert.Equal(0, (await _s.GetNode(node)).AllocatedCpuMillis);

        var again = await _s.Workload(workload.Id).Stop();
        Assert.Equal(WorkloadPhase.Running, again!.Phase);

        await _s.Report(workload, WorkloadPhase.Stopped, reason: "stopped by signal 15");
        var stopped = await _s.Get(workload.Id);
        Assert.Equal(WorkloadPhase.Stopped, stopped.Phase);
        Assert.Equal("stopped by signal 15", stopped.Reason);
        Assert.Equal(WorkloadPhase.Stopped, stopped.History[^1].Phase);
    }

    [Fact]
    public async Task Stopping_a_finished_workload_changes_nothing_and_an_unknown_one_is_null()
    {
        await _s.RegisterNode("2", "1Gi");
        var workload = await _s.Submit("0.5", "64Mi");
        await _s.Report(workload, WorkloadPhase.Exited, exitCode: 0);
        var exited = await _s.Get(workload.Id);

        var stopped = await _s.Workload(workload.Id).Stop();

        Assert.Equal(WorkloadPhase.Exited, stopped!.Phase);
        Assert.Equal(exited.Version, stopped.Version);
        Assert.Null(await _s.Workload(_s.NewWorkloadId()).Stop());
        Assert.Null(await _s.Workload(_s.NewWorkloadId()).Get());
    }
}
