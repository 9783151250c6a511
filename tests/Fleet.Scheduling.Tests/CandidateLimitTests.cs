using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class CandidateLimitTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(1000, 10)]
    [InlineData(5000, 13)]
    [InlineData(100_000, 17)]
    public void Logarithmic_is_the_ceiling_of_log2_and_at_least_2(int nodes, int expected)
    {
        Assert.Equal(expected, CandidateLimit.Logarithmic.Resolve(nodes, softScoring: false));
    }

    [Fact]
    public void Soft_scoring_widens_every_limit_to_the_floor()
    {
        Assert.Equal(CandidateLimit.SoftScoringFloor, CandidateLimit.Logarithmic.Resolve(5000, softScoring: true));
        Assert.Equal(CandidateLimit.SoftScoringFloor, CandidateLimit.Of(4).Resolve(5000, softScoring: true));
        Assert.Equal(int.MaxValue, CandidateLimit.All.Resolve(5000, softScoring: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => CandidateLimit.Of(0));
    }

    [Fact]
    public void The_walk_stops_once_the_limit_of_feasible_nodes_is_found()
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 100; i++)
        {
            var index = i;
            builder.Node($"n{i:D3}", n => index % 2 == 0 ? n.Allocated("2", "0") : n);
        }

        var decision = new Placer(PlacementOptions.Default with { CandidateLimit = CandidateLimit.Of(5) }).Place(builder.Snapshot(), Request());

        Assert.Equal(5, decision.NodesFeasible);
        Assert.Equal(10, decision.NodesEvaluated);
        Assert.Equal(["n001", "n003", "n005", "n007", "n009"], decision.Feasible);
        Assert.Equal("not enough CPU on 5 nodes", Assert.Single(decision.Filtered).ToString());
        Assert.Empty(decision.Rejections);
    }

    [Fact]
    public void Explaining_evaluates_every_node_whatever_the_limit()
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 100; i++)
        {
            builder.Node($"n{i:D3}");
        }

        var decision = new Placer(PlacementOptions.Plan with { CandidateLimit = CandidateLimit.Of(2), RankedCandidates = 1 }).Place(builder.Snapshot(), Request());

        Assert.Equal(100, decision.NodesEvaluated);
        Assert.Equal(100, decision.Candidates.Length);
    }
}
