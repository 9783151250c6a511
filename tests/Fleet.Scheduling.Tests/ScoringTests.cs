using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class ScoringTests
{
    private static ClusterSnapshot ThreeLoads() => new ClusterBuilder()
        .Node("empty", n => n.Capacity("4", "4Gi"))
        .Node("half", n => n.Capacity("4", "4Gi").Allocated("2", "2Gi"))
        .Node("most", n => n.Capacity("4", "4Gi").Allocated("3", "3Gi"))
        .Snapshot();

    [Fact]
    public void Bin_packing_prefers_the_fullest_node_that_fits()
    {
        var decision = ThreeLoads().Place(Request("0.5", "512Mi"));

        Assert.Equal(["most", "half", "empty"], decision.Feasible);
        Assert.Equal("most", decision.Chosen?.NodeId);
        Assert.True(decision.Candidates[0].Score > decision.Candidates[1].Score);
    }

    [Fact]
    public void Spread_prefers_the_least_loaded_node()
    {
        var decision = ThreeLoads().Place(Request("0.5", "512Mi"), PlacementOptions.Plan with { Strategy = ScoringStrategy.Spread });

        Assert.Equal(["empty", "half", "most"], decision.Feasible);
    }

    [Fact]
    public void The_fit_score_follows_nomads_formula()
    {
        // 10^(1 - 3.5/4) + 10^(1 - 3.5/4) = 2 * 10^0.125; bin-pack (20 - t) / 18, spread (t - 2) / 18.
        var t = 2 * Math.Pow(10, 0.125);
        var snapshot = new ClusterBuilder().Node("n", n => n.Capacity("4", "4Gi").Allocated("3", "3Gi")).Snapshot();

        var packed = snapshot.Place(Request("0.5", "512Mi")).Chosen!;
        var spread = snapshot.Place(Request("0.5", "512Mi"), PlacementOptions.Plan with { Strategy = ScoringStrategy.Spread }).Chosen!;

        Assert.Equal((20 - t) / 18, packed.Fit, 12);
        Assert.Equal((t - 2) / 18, spread.Fit, 12);
        Assert.Equal(packed.Fit, packed.Score, 12);
        Assert.Null(packed.TopologySpread);
        Assert.Null(packed.Affinity);
        Assert.Null(packed.JobAntiAffinity);
    }

    [Fact]
    public void Bin_packing_prefers_a_node_left_evenly_used_over_one_left_lopsided()
    {
        // Both end up using 5 of 8 units in total, but "lopsided" would keep memory and no CPU.
        var snapshot = new ClusterBuilder()
            .Node("even", n => n.Capacity("4", "4Gi").Allocated("2", "2Gi"))
            .Node("lopsided", n => n.Capacity("4", "4Gi").Allocated("3.5", "0.5Gi"))
            .Snapshot();

        Assert.Equal("even", snapshot.Place(Request("0.5", "512Mi")).Chosen?.NodeId);
    }

    [Fact]
    public void Replicas_of_one_job_are_spread_apart_by_job_anti_affinity()
    {
        var replica = Workload("web-0") with { JobId = "web" };
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Capacity("4", "4Gi").Allocated("1", "1Gi").Runs(replica))
            .Node("b", n => n.Capacity("4", "4Gi"))
            .Snapshot();
        var request = Request() with { JobId = "web", Replica = 1 };

        var decision = snapshot.Place(request);

        Assert.Equal("b", decision.Chosen?.NodeId);
        var a = Assert.Single(decision.Candidates, c => c.NodeId == "a");
        Assert.Equal(-0.5, a.JobAntiAffinity);
        Assert.Equal(0.0, decision.Chosen!.JobAntiAffinity);
        Assert.Equal((a.Fit - 0.5) / 2, a.Score, 12);
        Assert.Equal("a", snapshot.Place(request, PlacementOptions.Plan with { JobAntiAffinity = false }).Chosen?.NodeId);
    }

    [Fact]
    public void Job_anti_affinity_does_not_apply_to_the_first_replica()
    {
        var decision = ThreeLoads().Place(Request() with { JobId = "new-job" });

        Assert.Null(decision.Chosen?.JobAntiAffinity);
    }

    [Fact]
    public void The_decision_ranks_at_most_the_configured_number_of_candidates()
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 20; i++)
        {
            var used = $"{i * 50}m";
            builder.Node($"n{i:D2}", n => n.Allocated(used, "0"));
        }

        var decision = builder.Snapshot().Place(Request(), PlacementOptions.Default with { CandidateLimit = CandidateLimit.All, RankedCandidates = 3 });

        Assert.Equal(["n19", "n18", "n17"], decision.Feasible);
        Assert.Equal(20, decision.NodesFeasible);
        Assert.Equal(3, decision.Candidates.Length);
    }
}
