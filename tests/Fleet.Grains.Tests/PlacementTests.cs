namespace Fleet.Grains.Tests;

public sealed class PlacementTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    private readonly Scenario _s = new(shared.Cluster.Grains);

    [Fact]
    public async Task A_submitted_workload_is_placed_on_a_ready_node()
    {
        var node = await _s.RegisterNode("2", "1Gi");

        var workload = await _s.Submit("0.5", "64Mi");

        Assert.Equal(node, workload.NodeId);
        Assert.Equal(WorkloadPhase.Pending, workload.Phase);
        Assert.Equal($"placed on node {node}, waiting for it to start", workload.Reason);
        var stored = await _s.Get(workload.Id);
        Assert.Equal(workload.Version, stored.Version);
        Assert.Equal(node, stored.NodeId);

        var snapshot = await _s.GetNode(node);
        Assert.Equal(500, snapshot.AllocatedCpuMillis);
        Assert.Equal(64L << 20, snapshot.AllocatedMemoryBytes);
        Assert.Equal(1, snapshot.WorkloadCount);
        var set = await _s.Node(node).WaitForAssignments(-1, TimeSpan.Zero);
        var assignment = Assert.Single(set.Assignments);
        Assert.Equal(workload.Id, assignment.WorkloadId);
        Assert.Equal(["/bin/echo", "hello"], assignment.Spec.Command);
        Assert.Equal("hello", assignment.Spec.Environment["GREETING"]);
    }

    [Fact]
    public async Task First_fit_takes_the_first_node_by_id_that_has_room()
    {
        var first = await _s.RegisterNode("1", "1Gi", _s.NewNodeId("-a"));
        var second = await _s.RegisterNode("4", "1Gi", _s.NewNodeId("-b"));

        var small = await _s.Submit("1", "64Mi");
        var big = await _s.Submit("2", "64Mi");

        Assert.Equal(first, small.NodeId);
        Assert.Equal(second, big.NodeId);
    }

    [Fact]
    public async Task A_taken_name_is_refused_and_nothing_is_stored()
    {
        await _s.RegisterNode("2", "1Gi");
        var spec = _s.Spec("0.1", "16Mi");
        var firstId = _s.NewWorkloadId();
        var secondId = _s.NewWorkloadId();

        var first = await _s.Workload(firstId).Submit(spec);
        var second = await _s.Workload(secondId).Submit(spec with { Command = ["/bin/true"] });

        Assert.NotNull(first.Workload);
        Assert.Null(first.NameTakenBy);
        Assert.Null(second.Workload);
        Assert.Equal(firstId, second.NameTakenBy);
        Assert.Null(await _s.Workload(secondId).Get());
        Assert.Equal(firstId, await _s.WorkloadIndex.Resolve(spec.Name));
        Assert.Equal(firstId, await _s.WorkloadIndex.Resolve(firstId));
        Assert.Null(await _s.WorkloadIndex.Resolve(secondId));
    }

    [Fact]
    public async Task Submitting_the_same_id_again_returns_what_is_stored()
    {
        await _s.RegisterNode("2", "1Gi");
        var id = _s.NewWorkloadId();
        var spec = _s.Spec("0.1", "16Mi");

        var first = await _s.Workload(id).Submit(spec);
        var again = await _s.Workload(id).Submit(spec);

        Assert.Equal(first.Workload!.Version, again.Workload!.Version);
        Assert.Equal(first.Workload.NodeId, again.Workload.NodeId);
        Assert.Equal(1, (await _s.GetNode(first.Workload.NodeId!)).WorkloadCount);
    }

    [Fact]
    public async Task A_workload_that_fits_no_node_waits_with_a_reason_and_is_placed_when_a_node_registers()
    {
        var workload = await _s.Submit("3", "64Mi");

        Assert.Null(workload.NodeId);
        Assert.Equal(WorkloadPhase.Pending, workload.Phase);
        Assert.StartsWith("no node", workload.Reason, StringComparison.Ordinal);
        Assert.Contains(workload.Id, await _s.WorkloadIndex.Pending());

        var node = await _s.RegisterNode("4", "1Gi");

        var placed = await Eventually.Until(() => _s.Get(workload.Id), w => w.NodeId is not null, "placement after the node registered");
        Assert.Equal(node, placed.NodeId);
        Assert.DoesNotContain(workload.Id, await _s.WorkloadIndex.Pending());
    }

    [Fact]
    public async Task A_pending_workload_says_which_node_lacks_what()
    {
        var node = await _s.RegisterNode("1", "1Gi");
        await _s.Submit("0.75", "64Mi");

        var waiting = await _s.Submit("0.5", "64Mi");

        Assert.Null(waiting.NodeId);
        Assert.Contains($"{node}: needs 0.5 CPU, 0.25 free", waiting.Reason, StringComparison.Ordinal);
        Assert.StartsWith("no node has room for 0.5 CPU, 64Mi memory", waiting.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_workload_is_placed_when_capacity_is_released()
    {
        var node = await _s.RegisterNode("1", "1Gi");
        var running = await _s.Submit("1", "64Mi");
        var waiting = await _s.Submit("1", "64Mi");
        Assert.Equal(node, running.NodeId);
        Assert.Null(waiting.NodeId);

        await _s.Report(running, WorkloadPhase.Running);
        await _s.Report(running, WorkloadPhase.Exited, exitCode: 0);

        var placed = await Eventually.Until(() => _s.Get(waiting.Id), w => w.NodeId is not null, "placement after capacity was released");
        Assert.Equal(node, placed.NodeId);
        var snapshot = await _s.GetNode(node);
        Assert.Equal(1000, snapshot.AllocatedCpuMillis);
        Assert.Equal(1, snapshot.WorkloadCount);
    }

    [Fact]
    public async Task Two_concurrent_submissions_racing_for_the_last_capacity_place_exactly_one()
    {
        for (var round = 0; round < 5; round++)
        {
            // A rootfs of its own per round: the loser of the last round must not take this node.
            var s = new Scenario(shared.Cluster.Grains);
            var node = await s.RegisterNode("1", "1Gi");
            await s.Submit("0.5", "64Mi");

            var raced = await Task.WhenAll(s.Submit("0.5", "64Mi"), s.Submit("0.5", "64Mi"));

            var placed = Assert.Single(raced, w => w.NodeId is not null);
            var pending = Assert.Single(raced, w => w.NodeId is null);
            Assert.Equal(node, placed.NodeId);
            Assert.Equal(WorkloadPhase.Pending, pending.Phase);
            Assert.NotEmpty(pending.Reason);
            var snapshot = await s.GetNode(node);
            Assert.Equal(1000, snapshot.AllocatedCpuMillis);
            Assert.Equal(2, snapshot.WorkloadCount);
        }
    }

    [Fact]
    public async Task Many_concurrent_submissions_fill_the_nodes_exactly_and_never_overcommit_them()
    {
        var a = await _s.RegisterNode("2", "4Gi");   // holds 8 of 0.25 CPU
        var b = await _s.RegisterNode("1", "256Mi"); // holds 4 by CPU and by memory

        var submitted = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _s.Submit("0.25", "64Mi")));

        Assert.Equal(12, submitted.Count(w => w.NodeId is not null));
        Assert.Equal(8, submitted.Count(w => w.NodeId == a));
        Assert.Equal(4, submitted.Count(w => w.NodeId == b));
        foreach (var node in new[] { a, b })
        {
            var snapshot = await _s.GetNode(node);
            Assert.True(snapshot.AllocatedCpuMillis <= snapshot.CapacityCpuMillis, $"{node} overcommitted on CPU");
            Assert.True(snapshot.AllocatedMemoryBytes <= snapshot.CapacityMemoryBytes, $"{node} overcommitted on memory");
            var set = await _s.Node(node).WaitForAssignments(-1, TimeSpan.Zero);
            Assert.Equal(
                submitted.Where(w => w.NodeId == node).Select(w => w.Id).Order(StringComparer.Ordinal),
                set.Assignments.Select(x => x.WorkloadId));
        }
    }

    [Fact]
    public async Task Pending_lists_unplaced_workloads_oldest_first_and_not_placed_ones()
    {
        await _s.RegisterNode("1", "1Gi");
        var placed = await _s.Submit("1", "64Mi");
        var first = await _s.Submit("1", "64Mi");
        var second = await _s.Submit("1", "64Mi");

        var pending = await _s.WorkloadIndex.Pending();

        Assert.DoesNotContain(placed.Id, pending);
        var mine = pending.Where(id => id == first.Id || id == second.Id).ToArray();
        Assert.Equal([first.Id, second.Id], mine);
    }
}
