using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class TopologySpreadTests
{
    private static readonly WorkloadSelector Web = WorkloadSelector.Label("app", "web");

    /// <summary>Zones a, b, c with two nodes each; web runs twice in a, once in b, never in c.</summary>
    private static ClusterBuilder ThreeZones() => new ClusterBuilder()
        .Node("a1", n => n.Labels("zone=a").Runs(Workload("w1", labels: "app=web")))
        .Node("a2", n => n.Labels("zone=a").Runs(Workload("w2", labels: "app=web")))
        .Node("b1", n => n.Labels("zone=b").Runs(Workload("w3", labels: "app=web")))
        .Node("b2", n => n.Labels("zone=b").Runs(Workload("db", labels: "app=db")))
        .Node("c1", n => n.Labels("zone=c"))
        .Node("c2", n => n.Labels("zone=c"));

    private static PlacementRequest WebReplica(bool required, int maxSkew = 1) => Request() with
    {
        Labels = Labels("app=web"),
        Spreads = [new TopologySpread("zone", Web, maxSkew, required)],
    };

    [Fact]
    public void A_hard_spread_filters_domains_that_would_exceed_the_max_skew()
    {
        var decision = ThreeZones().Snapshot().Place(WebReplica(required: true));

        Assert.Equal(["c1", "c2"], decision.Feasible.Order(StringComparer.Ordinal));
        Assert.Equal(
            "zone=a would hold 3 workloads matching app=web against 0 in zone=c: skew 3 exceeds 1",
            decision.ReasonFor("a1"));
        Assert.Equal(PlacementFilter.TopologySpread, decision.Rejections[0].Filter);
    }

    [Fact]
    public void A_larger_max_skew_allows_more_imbalance()
    {
        var decision = ThreeZones().Snapshot().Place(WebReplica(required: true, maxSkew: 2));

        Assert.Equal(["b1", "b2", "c1", "c2"], decision.Feasible.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_workload_counts_itself_only_when_it_matches_the_selector()
    {
        var request = WebReplica(required: true) with { Labels = Labels("app=other") };

        var decision = ThreeZones().Snapshot().Place(request);

        Assert.Equal(["b1", "b2", "c1", "c2"], decision.Feasible.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Domains_the_workload_cannot_use_do_not_count_as_the_emptiest()
    {
        var cluster = new ClusterBuilder()
            .Node("a1", n => n.Labels("zone=a").Runs(Workload("w1", labels: "app=web"), Workload("w2", labels: "app=web")))
            .Node("b1", n => n.Labels("zone=b").Runs(Workload("w3", labels: "app=web")))
            .Node("c1", n => n.Labels("zone=c").Down())
            .Node("d1", n => n.Labels("zone=d").Cordoned())
            .Node("e1", n => n.Labels("zone=e").Rootfs("alpine"))
            .Node("f1", n => n.Labels("zone=f", "tier=low"))
            .Snapshot();

        var decision = cluster.Place(WebReplica(required: true).Constrained("tier not exists"));

        // Only a and b are eligible: c is down, d cordoned, e lacks the rootfs, f fails the constraint.
        Assert.Equal(["b1"], decision.Feasible);
        Assert.Equal(
            "zone=a would hold 3 workloads matching app=web against 1 in zone=b: skew 2 exceeds 1",
            decision.ReasonFor("a1"));
    }

    [Fact]
    public void A_node_without_the_topology_label_fails_a_hard_spread_and_is_neutral_for_a_soft_one()
    {
        var cluster = ThreeZones().Node("bare").Snapshot();

        var hard = cluster.Place(WebReplica(required: true));
        var soft = cluster.Place(WebReplica(required: false));

        Assert.Equal("has no label zone, needed to spread app=web over it", hard.ReasonFor("bare"));
        Assert.Equal(0.0, Assert.Single(soft.Candidates, c => c.NodeId == "bare").TopologySpread);
    }

    [Fact]
    public void A_soft_spread_scores_the_emptiest_domain_highest_and_filters_nothing()
    {
        var decision = ThreeZones().Snapshot().Place(WebReplica(required: false));

        Assert.Equal(6, decision.Feasible.Length);
        Assert.StartsWith("c", decision.Chosen!.NodeId, StringComparison.Ordinal);
        var spread = decision.Candidates.ToDictionary(c => c.NodeId, c => c.TopologySpread);
        Assert.Equal(1.0, spread["c1"]);
        Assert.Equal(0.0, spread["b2"]);
        Assert.Equal(-1.0, spread["a1"]);
    }

    [Fact]
    public void Replicas_placed_one_after_another_stay_within_the_skew()
    {
        var snapshot = new ClusterBuilder()
            .Node("a1", n => n.Labels("zone=a").Capacity("8", "8Gi"))
            .Node("a2", n => n.Labels("zone=a").Capacity("8", "8Gi"))
            .Node("b1", n => n.Labels("zone=b").Capacity("8", "8Gi"))
            .Node("c1", n => n.Labels("zone=c").Capacity("8", "8Gi"))
            .Snapshot();
        var placer = new Placer(PlacementOptions.Default);

        for (var i = 0; i < 9; i++)
        {
            var request = WebReplica(required: true) with { WorkloadId = $"web-{i}" };
            var decision = placer.Place(snapshot, request);
            snapshot = snapshot.Apply(decision, request.ToPlacedWorkload($"web-{i}"));
        }

        var perZone = snapshot.Nodes
            .GroupBy(n => n.Labels["zone"])
            .ToDictionary(g => g.Key, g => g.Sum(n => n.Workloads.Length));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 3, ["b"] = 3, ["c"] = 3 }, perZone);
    }

    [Fact]
    public void A_plan_of_several_replicas_sees_its_own_earlier_replicas_and_changes_nothing()
    {
        var snapshot = new ClusterBuilder()
            .Node("a1", n => n.Labels("zone=a"))
            .Node("b1", n => n.Labels("zone=b"))
            .Node("c1", n => n.Labels("zone=c"))
            .Snapshot();
        var replicas = Enumerable.Range(0, 4).Select(i => WebReplica(required: true) with { JobId = "web", Replica = i });

        var decisions = new Placer(PlacementOptions.Plan).PlaceAll(snapshot, replicas);

        Assert.Equal(["a1", "b1", "c1", "a1"], decisions.Select(d => d.Chosen!.NodeId));
        Assert.Equal(0, snapshot.WorkloadCount);
    }

    [Fact]
    public void A_spread_skew_cannot_be_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopologySpread("zone", Web, MaxSkew: 0));
        Assert.Throws<ArgumentException>(() => new TopologySpread(" ", Web));
    }
}
