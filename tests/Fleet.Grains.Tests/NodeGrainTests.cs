using System.Collections.Immutable;
using System.Diagnostics;

namespace Fleet.Grains.Tests;

public sealed class NodeGrainTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    private readonly Scenario _s = new(shared.Cluster.Grains);

    private Assignment Assignment(string cpu, string memory, string? rootfs = null)
    {
        var spec = _s.Spec(cpu, memory);
        return new Assignment(_s.NewWorkloadId(), rootfs is null ? spec : spec with { Rootfs = rootfs });
    }

    [Fact]
    public async Task An_unregistered_node_is_unknown_refuses_reservations_and_asks_its_agent_to_register()
    {
        var node = _s.Node(_s.NewNodeId());

        Assert.Null(await node.Get());
        Assert.False(await node.Heartbeat());
        var reservation = await node.Reserve(Assignment("0.1", "1Mi"));
        Assert.False(reservation.Accepted);
        Assert.Contains("is not registered", reservation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_node_is_ready_and_listed_by_the_index()
    {
        var id = await _s.RegisterNode("2", "1Gi");

        Assert.True(await _s.Node(id).Heartbeat());
        var snapshot = await _s.GetNode(id);
        Assert.True(snapshot.Ready);
        Assert.Equal(2000, snapshot.CapacityCpuMillis);
        Assert.Equal(1L << 30, snapshot.CapacityMemoryBytes);
        Assert.Equal([_s.Rootfs], snapshot.RootfsNames);
        Assert.Equal(shared.Cluster.Clock.GetUtcNow(), snapshot.LastHeartbeat);

        var listed = await Eventually.Until(_s.NodeIndex.List, nodes => nodes.Any(n => n.Id == id), "the index listing the node");
        var entry = Assert.Single(listed, n => n.Id == id);
        Assert.True(entry.Ready);
        Assert.Equal(snapshot.Address, entry.Address);
        Assert.Equal(listed.Select(n => n.Id).Order(StringComparer.Ordinal), listed.Select(n => n.Id));
    }

    [Fact]
    public async Task Reserve_checks_rootfs_and_room_and_is_idempotent()
    {
        var node = _s.Node(await _s.RegisterNode("1", "256Mi"));
        var first = Assignment("0.5", "128Mi");

        Assert.True((await node.Reserve(first)).Accepted);
        var version = (await node.WaitForAssignments(-1, TimeSpan.Zero)).Version;
        Assert.True((await node.Reserve(first)).Accepted);
        Assert.Equal(version, (await node.WaitForAssignments(-1, TimeSpan.Zero)).Version);
        Assert.Equal(500, (await node.Get())!.AllocatedCpuMillis);

        var wrongRootfs = await node.Reserve(Assignment("0.1", "1Mi", rootfs: "alpine"));
        Assert.False(wrongRootfs.Accepted);
        Assert.Contains("has no rootfs \"alpine\"", wrongRootfs.Reason, StringComparison.Ordinal);

        var tooBig = await node.Reserve(Assignment("0.75", "64Mi"));
        Assert.False(tooBig.Accepted);
        Assert.EndsWith("needs 0.75 CPU, 0.5 free", tooBig.Reason, StringComparison.Ordinal);

        var tooMuchMemory = await node.Reserve(Assignment("0.25", "192Mi"));
        Assert.False(tooMuchMemory.Accepted);
        Assert.EndsWith("needs 192Mi memory, 128Mi free", tooMuchMemory.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_frees_the_room_and_ignores_unknown_workloads()
    {
        var node = _s.Node(await _s.RegisterNode("1", "1Gi"));
        var assignment = Assignment("1", "64Mi");
        await node.Reserve(assignment);
        var version = (await node.WaitForAssignments(-1, TimeSpan.Zero)).Version;

        await node.Release("w-unknown");
        Assert.Equal(version, (await node.WaitForAssignments(-1, TimeSpan.Zero)).Version);
        await node.Release(assignment.WorkloadId);
        await node.Release(assignment.WorkloadId);

        var set = await node.WaitForAssignments(-1, TimeSpan.Zero);
        Assert.Equal(version + 1, set.Version);
        Assert.Empty(set.Assignments);
        Assert.True((await node.Reserve(Assignment("1", "64Mi"))).Accepted);
    }

    [Fact]
    public async Task WaitForAssignments_answers_at_once_when_the_caller_is_behind()
    {
        var node = _s.Node(await _s.RegisterNode("1", "1Gi"));
        await node.Reserve(Assignment("0.1", "1Mi"));

        var watch = Stopwatch.StartNew();
        var set = await node.WaitForAssignments(0, TimeSpan.FromSeconds(20));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(1, set.Version);
        Assert.Single(set.Assignments);
    }

    [Fact]
    public async Task WaitForAssignments_returns_when_the_set_changes()
    {
        var node = _s.Node(await _s.RegisterNode("1", "1Gi"));
        var known = await node.WaitForAssignments(-1, TimeSpan.Zero);

        var watch = Stopwatch.StartNew();
        var waiting = node.WaitForAssignments(known.Version, TimeSpan.FromSeconds(20));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted, "the long poll returned before anything changed");
        var assignment = Assignment("0.5", "64Mi");
        Assert.True((await node.Reserve(assignment)).Accepted);
        var changed = await waiting;

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(known.Version + 1, changed.Version);
        Assert.Equal(assignment.WorkloadId, Assert.Single(changed.Assignments).WorkloadId);
    }

    [Fact]
    public async Task WaitForAssignments_returns_the_unchanged_set_after_the_wait()
    {
        var node = _s.Node(await _s.RegisterNode("1", "1Gi"));
        var known = await node.WaitForAssignments(-1, TimeSpan.Zero);

        var watch = Stopwatch.StartNew();
        var same = await node.WaitForAssignments(known.Version, TimeSpan.FromMilliseconds(400));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"returned after {watch.Elapsed}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"returned after {watch.Elapsed}");
        Assert.Equal(known.Version, same.Version);
        Assert.Equal(ImmutableArray<Assignment>.Empty, same.Assignments);
    }

    [Fact]
    public async Task Reregistering_updates_capacity_and_keeps_the_assignments()
    {
        var id = await _s.RegisterNode("1", "1Gi");
        var node = _s.Node(id);
        await node.Reserve(Assignment("1", "64Mi"));

        await node.Register(_s.Registration("4", "2Gi"));

        var snapshot = await _s.GetNode(id);
        Assert.Equal(4000, snapshot.CapacityCpuMillis);
        Assert.Equal(1, snapshot.WorkloadCount);
        Assert.True((await node.Reserve(Assignment("3", "64Mi"))).Accepted);
    }
}
