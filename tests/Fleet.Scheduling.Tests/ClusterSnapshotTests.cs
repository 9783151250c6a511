using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class ClusterSnapshotTests
{
    [Fact]
    public void Placing_returns_a_new_snapshot_and_leaves_the_old_one_unchanged()
    {
        var before = new ClusterBuilder().Node("a").Node("b").Snapshot();

        var after = before.Place("a", Workload("w1", cpu: "1", labels: "app=web"));

        Assert.Equal(1000, after["a"].Allocated.CpuMillis);
        Assert.Equal(0, before["a"].Allocated.CpuMillis);
        Assert.Equal(1, after.WorkloadCount);
        Assert.Equal(0, before.WorkloadCount);
        var requireWeb = Request() with { Affinities = [WorkloadAffinity.Require(WorkloadSelector.Label("app", "web"))] };
        Assert.Equal(["a"], after.Place(requireWeb).Feasible);
        Assert.False(before.Place(requireWeb).IsPlaced);
    }

    [Fact]
    public void Evicting_frees_resources_and_ports_and_unknown_workloads_change_nothing()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Runs(Workload("w1", cpu: "1") with { HostPorts = [80] })).Snapshot();

        var after = snapshot.Evict("a", "w1");

        Assert.Equal(0, after["a"].Allocated.CpuMillis);
        Assert.Empty(after["a"].HostPorts);
        Assert.Same(snapshot, snapshot.Evict("a", "nope"));
        Assert.Throws<KeyNotFoundException>(() => snapshot.Evict("zz", "w1"));
    }

    [Fact]
    public void Nodes_can_be_added_replaced_and_removed()
    {
        var snapshot = new ClusterBuilder().Node("b").Snapshot();

        snapshot = snapshot.SetNode(new ClusterNode("a") { Capacity = new ResourceVector(1000, 1 << 30), Rootfs = ["busybox"] });
        snapshot = snapshot.SetNode(snapshot["b"] with { Cordoned = true });

        Assert.Equal(["a", "b"], snapshot.Nodes.Select(n => n.Id));
        Assert.Equal(["a"], snapshot.Place(Request()).Feasible);
        Assert.Equal(["b"], snapshot.RemoveNode("a").Nodes.Select(n => n.Id));
        Assert.Equal(2, snapshot.RemoveNode("nope").Count);
        Assert.Throws<ArgumentException>(() => ClusterSnapshot.Create([new ClusterNode("x"), new ClusterNode("x")]));
    }

    [Fact]
    public void Set_nodes_replaces_many_at_once()
    {
        var snapshot = new ClusterBuilder().Node("a").Node("b").Snapshot();

        var updated = snapshot.SetNodes([snapshot["a"] with { Ready = false }, new ClusterNode("c")]);

        Assert.Equal(["a", "b", "c"], updated.Nodes.Select(n => n.Id));
        Assert.False(updated["a"].Ready);
    }

    [Fact]
    public void A_node_gaining_a_new_rootfs_is_seen()
    {
        var snapshot = new ClusterBuilder().Node("a").Snapshot();

        var updated = snapshot.SetNode(snapshot["a"] with { Rootfs = ["busybox", "alpine"] });

        Assert.Equal(["a"], updated.Place(Request(rootfs: "alpine")).Feasible);
        Assert.False(snapshot.Place(Request(rootfs: "alpine")).IsPlaced);
    }

    [Fact]
    public void An_empty_cluster_says_no_node_is_registered()
    {
        var decision = ClusterSnapshot.Empty.Place(Request());

        Assert.False(decision.IsPlaced);
        Assert.Equal("no node is registered", decision.Reason);
    }

    /// <summary>
    /// The evolving snapshot (persistent pages, workload index patched per change) must answer every
    /// request exactly as a snapshot built from scratch out of the same nodes.
    /// </summary>
    [Fact]
    public void An_evolved_snapshot_decides_like_one_built_from_scratch()
    {
        var random = new Random(1234);
        string[] zones = ["a", "b", "c"];
        string[] apps = ["web", "db", "cache"];
        var builder = new ClusterBuilder();
        for (var i = 0; i < 60; i++)
        {
            var zone = zones[i % 3];
            builder.Node($"n{i:D2}", n => n.Labels($"zone={zone}").Capacity("4", "4Gi").Pids(500));
        }

        var snapshot = builder.Snapshot();
        var placer = new Placer(PlacementOptions.Plan);
        var placed = new List<(string Node, string Id)>();
        for (var step = 0; step < 400; step++)
        {
            var app = apps[random.Next(apps.Length)];
            var request = Request(cpu: $"{random.Next(1, 8) * 100}m", memory: $"{random.Next(1, 8) * 64}Mi") with
            {
                WorkloadId = $"w{step}",
                JobId = app,
                Pids = 20,
                Priority = random.Next(0, 100),
                Labels = Labels($"app={app}"),
                Spreads = [new TopologySpread("zone", WorkloadSelector.Label("app", app), MaxSkew: 2, Required: step % 2 == 0)],
                Affinities = app == "web" ? [WorkloadAffinity.Prefer(WorkloadSelector.Label("app", "cache"), topologyKey: "zone")] : [],
            };

            var evolved = placer.Place(snapshot, request);
            var rebuilt = placer.Place(ClusterSnapshot.Create(snapshot.Nodes), request);
            Assert.Equal(rebuilt.Candidates, evolved.Candidates);
            Assert.Equal(rebuilt.Rejections, evolved.Rejections);
            Assert.Equal(rebuilt.Preemptions, evolved.Preemptions);
            Assert.Equal(rebuilt.Reason, evolved.Reason);

            if (evolved.IsPlaced)
            {
                foreach (var victim in evolved.Preemptions)
                {
                    placed.Remove((victim.NodeId, victim.WorkloadId));
                }

                snapshot = snapshot.Apply(evolved, request.ToPlacedWorkload(request.WorkloadId!));
                placed.Add((evolved.Chosen!.NodeId, request.WorkloadId!));
            }

            if (step % 7 == 0 && placed.Count > 0)
            {
                var (node, id) = placed[random.Next(placed.Count)];
                snapshot = snapshot.Evict(node, id);
                placed.Remove((node, id));
            }

            if (step % 50 == 0)
            {
                var node = snapshot[$"n{random.Next(60):D2}"];
                snapshot = snapshot.SetNode(node with { Cordoned = !node.Cordoned });
            }
        }

        Assert.Equal(placed.Count, snapshot.WorkloadCount);
        Assert.True(placed.Count > 100, $"only {placed.Count} placed");
    }
}
