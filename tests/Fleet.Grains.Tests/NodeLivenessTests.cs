namespace Fleet.Grains.Tests;

/// <summary>Moves its cluster's clock, so it has a cluster of its own.</summary>
public sealed class NodeLivenessTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FleetCluster? _cluster;

    private FleetCluster Cluster => _cluster!;

    public async ValueTask InitializeAsync() => _cluster = await FleetCluster.StartAsync(_directory.Path, silos: 1);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task A_silent_node_goes_down_gets_nothing_new_and_comes_back_with_a_heartbeat()
    {
        var s = new Scenario(Cluster.Grains);
        var id = await s.RegisterNode("2", "1Gi");
        Assert.True((await s.GetNode(id)).Ready);

        Cluster.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.False((await s.GetNode(id)).Ready);
        var listed = Assert.Single(await s.NodeIndex.List(), n => n.Id == id);
        Assert.False(listed.Ready);
        var workload = await s.Submit("0.5", "64Mi");
        Assert.Null(workload.NodeId);
        Assert.Contains($"{id}: down", workload.Reason, StringComparison.Ordinal);
        var direct = await s.Node(id).Reserve(new Assignment(s.NewWorkloadId(), s.Spec("0.1", "1Mi")));
        Assert.False(direct.Accepted);
        Assert.Contains("is down", direct.Reason, StringComparison.Ordinal);

        Assert.True(await s.Node(id).Heartbeat());

        Assert.True((await s.GetNode(id)).Ready);
        var placed = await Eventually.Until(() => s.Get(workload.Id), w => w.NodeId is not null, "placement once the node heartbeats again");
        Assert.Equal(id, placed.NodeId);
        Assert.True(Assert.Single(await s.NodeIndex.List(), n => n.Id == id).Ready);
    }

    [Fact]
    public async Task Heartbeats_keep_a_node_ready_in_the_index_as_time_passes()
    {
        var s = new Scenario(Cluster.Grains);
        var id = await s.RegisterNode("2", "1Gi");

        for (var i = 0; i < 10; i++)
        {
            Cluster.Clock.Advance(TimeSpan.FromSeconds(2));
            Assert.True(await s.Node(id).Heartbeat());
        }

        // 20 s after registering: the index must have heard of a recent heartbeat.
        var entry = await Eventually.Until(
            async () => Assert.Single(await s.NodeIndex.List(), n => n.Id == id),
            n => n.Ready,
            "the index seeing the node ready");
        Assert.True(Cluster.Clock.GetUtcNow() - entry.LastHeartbeat <= TimeSpan.FromSeconds(10));
    }
}
