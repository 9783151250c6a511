namespace Fleet.Grains.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task State_survives_deactivation_of_every_grain()
    {
        using var directory = new TempDirectory();
        await using var cluster = await FleetCluster.StartAsync(directory.Path);
        var s = new Scenario(cluster.Grains);
        var nodeId = await s.RegisterNode("2", "1Gi");
        var workload = await s.Submit("0.5", "64Mi");
        await s.Report(workload, WorkloadPhase.Running);
        var before = await s.Get(workload.Id);
        var assignments = await s.Node(nodeId).WaitForAssignments(-1, TimeSpan.Zero);

        await cluster.Inner.DeactivateAsync(s.Workload(workload.Id));
        await cluster.Inner.DeactivateAsync(s.Node(nodeId));
        await cluster.Inner.DeactivateAsync(s.WorkloadIndex);
        await cluster.Inner.DeactivateAsync(s.NodeIndex);

        var after = await s.Get(workload.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(WorkloadPhase.Running, after.Phase);
        Assert.Equal(before.History, after.History);
        Assert.Equal(before.Spec.Command, after.Spec.Command);
        Assert.Equal(before.Spec.Environment, after.Spec.Environment);
        var set = await s.Node(nodeId).WaitForAssignments(-1, TimeSpan.Zero);
        Assert.Equal(assignments.Version, set.Version);
        Assert.Equal(workload.Id, Assert.Single(set.Assignments).WorkloadId);
        Assert.Equal(workload.Id, await s.WorkloadIndex.Resolve(workload.Spec.Name));
        Assert.Contains(workload.Id, (await s.WorkloadIndex.List(100, null)).Ids);
        Assert.Contains(await s.NodeIndex.List(), n => n.Id == nodeId && n.AllocatedCpuMillis == 500);
        var taken = await s.Workload(s.NewWorkloadId()).Submit(s.Spec("0.1", "1Mi", workload.Spec.Name));
        Assert.Equal(workload.Id, taken.NameTakenBy);
    }

    [Fact]
    public async Task A_restarted_cluster_over_the_same_data_directory_loses_nothing()
    {
        using var directory = new TempDirectory();
        var clock = new ManualClock();
        string nodeId;
        WorkloadSnapshot running, waiting;
        Scenario s;
        await using (var first = await FleetCluster.StartAsync(directory.Path, clock: clock))
        {
            s = new Scenario(first.Grains);
            nodeId = await s.RegisterNode("1", "1Gi");
            var placed = await s.Submit("1", "64Mi");
            await s.Report(placed, WorkloadPhase.Running);
            running = await s.Get(placed.Id);
            waiting = await s.Submit("1", "64Mi");
            Assert.Null(waiting.NodeId);
        }

        await using var second = await FleetCluster.StartAsync(directory.Path, clock: clock);
        var again = new Scenario(second.Grains);

        var restored = await again.Get(running.Id);
        Assert.Equal(running.Version, restored.Version);
        Assert.Equal(WorkloadPhase.Running, restored.Phase);
        Assert.Equal(nodeId, restored.NodeId);
        Assert.Equal(running.History, restored.History);
        Assert.Equal(running.CreatedAt, restored.CreatedAt);
        Assert.Equal(running.Id, await again.WorkloadIndex.Resolve(running.Spec.Name));
        Assert.Equal([waiting.Id, running.Id], (await again.WorkloadIndex.List(10, null)).Ids);
        Assert.Equal([waiting.Id], await again.WorkloadIndex.Pending());

        // Liveness is not stored: the node is known, holds its workload, and is down until it heartbeats.
        var node = await again.Node(nodeId).Get();
        Assert.NotNull(node);
        Assert.False(node.Ready);
        Assert.Equal(1000, node.AllocatedCpuMillis);
        Assert.Equal(running.Id, Assert.Single((await again.Node(nodeId).WaitForAssignments(0, TimeSpan.Zero)).Assignments).WorkloadId);
        Assert.True(await again.Node(nodeId).Heartbeat());

        // Placement resumes: the node comes back bigger, and the waiting workload lands on it.
        await again.Node(nodeId).Register(new NodeRegistration(node.Address, 2000, 1L << 30, node.RootfsNames));
        var placed2 = await Eventually.Until(() => again.Get(waiting.Id), w => w.NodeId is not null, "placement after the restart");
        Assert.Equal(nodeId, placed2.NodeId);
    }
}
