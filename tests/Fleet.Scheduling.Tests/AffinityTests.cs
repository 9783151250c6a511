using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class AffinityTests
{
    private static readonly WorkloadSelector Db = WorkloadSelector.Label("app", "db");

    /// <summary>db runs on a1 (zone a); b1 runs a cache; c1 is empty (zone b).</summary>
    private static ClusterSnapshot Cluster() => new ClusterBuilder()
        .Node("a1", n => n.Labels("zone=a").Runs(Workload("db-0", labels: "app=db")))
        .Node("a2", n => n.Labels("zone=a"))
        .Node("b1", n => n.Labels("zone=b").Runs(Workload("cache-0", labels: "app=cache")))
        .Node("c1", n => n.Labels("zone=b"))
        .Snapshot();

    private static PlacementRequest With(params WorkloadAffinity[] affinities) => Request() with { Affinities = [.. affinities] };

    [Fact]
    public void Require_keeps_only_nodes_running_a_matching_workload()
    {
        var decision = Cluster().Place(With(WorkloadAffinity.Require(Db)));

        Assert.Equal(["a1"], decision.Feasible);
        Assert.Equal("runs no workload matching app=db, which it requires on the same node", decision.ReasonFor("a2"));
        Assert.All(decision.Rejections, r => Assert.Equal(PlacementFilter.Affinity, r.Filter));
    }

    [Fact]
    public void Require_with_a_topology_key_keeps_the_whole_domain()
    {
        var decision = Cluster().Place(With(WorkloadAffinity.Require(Db, topologyKey: "zone")));

        Assert.Equal(["a1", "a2"], decision.Feasible.Order(StringComparer.Ordinal));
        Assert.Equal("no workload matching app=db runs in zone=b, which it requires", decision.ReasonFor("b1"));
    }

    [Fact]
    public void Forbid_rejects_nodes_running_a_matching_workload()
    {
        var decision = Cluster().Place(With(WorkloadAffinity.Forbid(Db)));

        Assert.Equal(["a2", "b1", "c1"], decision.Feasible.Order(StringComparer.Ordinal));
        Assert.Equal("runs 1 workload matching app=db, which it must avoid", decision.ReasonFor("a1"));
    }

    [Fact]
    public void Forbid_with_a_topology_key_rejects_the_whole_domain()
    {
        var decision = Cluster().Place(With(WorkloadAffinity.Forbid(Db, topologyKey: "zone")));

        Assert.Equal(["b1", "c1"], decision.Feasible.Order(StringComparer.Ordinal));
        Assert.Equal("zone=a runs 1 workload matching app=db, which it must avoid", decision.ReasonFor("a2"));
    }

    [Fact]
    public void The_first_of_a_group_that_requires_itself_may_go_anywhere()
    {
        var self = WorkloadSelector.Label("app", "web");
        var first = Request() with { Labels = Labels("app=web"), Affinities = [WorkloadAffinity.Require(self)] };
        var stranger = first with { Labels = Labels("app=other") };

        Assert.Equal(4, Cluster().Place(first).Feasible.Length);
        Assert.False(Cluster().Place(stranger).IsPlaced);
    }

    [Fact]
    public void Prefer_scores_nodes_with_a_matching_workload_higher_without_filtering()
    {
        var decision = Cluster().Place(With(WorkloadAffinity.Prefer(Db)));

        Assert.Equal(4, decision.Feasible.Length);
        Assert.Equal("a1", decision.Chosen?.NodeId);
        Assert.Equal(1.0, decision.Chosen!.Affinity);
        Assert.All(decision.Candidates.Skip(1), c => Assert.Equal(0.0, c.Affinity));
    }

    [Fact]
    public void Avoid_scores_nodes_with_a_matching_workload_lower()
    {
        var decision = Cluster().Place(With(WorkloadAffinity.Avoid(Db, topologyKey: "zone")));

        Assert.Equal(4, decision.Feasible.Length);
        Assert.StartsWith("b", decision.Feasible[0], StringComparison.Ordinal);
        Assert.Equal(-1.0, Assert.Single(decision.Candidates, c => c.NodeId == "a2").Affinity);
    }

    [Fact]
    public void Soft_affinities_are_weighed_against_each_other()
    {
        var cache = WorkloadSelector.Label("app", "cache");
        var decision = Cluster().Place(With(WorkloadAffinity.Prefer(Db, weight: 25), WorkloadAffinity.Prefer(cache, weight: 75)));

        Assert.Equal("b1", decision.Chosen?.NodeId);
        Assert.Equal(0.75, decision.Chosen!.Affinity);
        Assert.Equal(0.25, Assert.Single(decision.Candidates, c => c.NodeId == "a1").Affinity);
    }

    [Fact]
    public void Selectors_with_several_requirements_and_without_an_equality_are_counted_too()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(Workload("w1", labels: ["app=db", "role=primary"])))
            .Node("b", n => n.Runs(Workload("w2", labels: ["app=db", "role=replica"])))
            .Node("c", n => n.Runs(Workload("w3", labels: ["app=cache", "role=primary"])))
            .Snapshot();

        var primaryDb = WorkloadSelector.Parse("app in (db, queue), role=primary");
        var anyRole = WorkloadSelector.Parse("role exists");

        Assert.Equal(["a"], snapshot.Place(With(WorkloadAffinity.Require(primaryDb))).Feasible);
        Assert.Equal(["b", "c"], snapshot.Place(With(WorkloadAffinity.Forbid(primaryDb))).Feasible.Order(StringComparer.Ordinal));
        Assert.Equal(3, snapshot.Place(With(WorkloadAffinity.Require(anyRole))).Feasible.Length);
    }

    [Fact]
    public void Weights_are_between_1_and_100()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkloadAffinity.Prefer(Db, weight: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkloadAffinity.Avoid(Db, weight: 101));
    }
}
