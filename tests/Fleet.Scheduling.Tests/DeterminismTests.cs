using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class DeterminismTests
{
    private static ClusterSnapshot Identical(int count)
    {
        var builder = new ClusterBuilder();
        for (var i = count - 1; i >= 0; i--)
        {
            builder.Node($"node-{i:D3}");
        }

        return builder.Snapshot();
    }

    [Fact]
    public void Equal_scores_are_broken_by_node_id()
    {
        var decision = Identical(5).Place(Request());

        Assert.Equal(["node-000", "node-001", "node-002", "node-003", "node-004"], decision.Feasible);
        Assert.All(decision.Candidates, c => Assert.Equal(decision.Candidates[0].Score, c.Score));
    }

    [Fact]
    public void The_same_nodes_in_another_order_give_the_same_decision()
    {
        var nodes = new ClusterBuilder()
            .Node("n1", n => n.Allocated("1", "0"))
            .Node("n2", n => n.Down())
            .Node("n3", n => n.Allocated("1", "0"))
            .Node("n4")
            .Snapshot()
            .Nodes
            .ToArray();

        var forward = ClusterSnapshot.Create(nodes).Place(Request());
        var backward = ClusterSnapshot.Create(nodes.Reverse()).Place(Request());

        Assert.Equal(forward.Feasible, backward.Feasible);
        Assert.Equal(forward.Candidates, backward.Candidates);
        Assert.Equal(forward.Rejections, backward.Rejections);
        Assert.Equal(["n1", "n3", "n4"], forward.Feasible);
    }

    [Fact]
    public void A_seeded_tie_break_is_reproducible_and_differs_between_seeds()
    {
        var snapshot = Identical(50);
        static PlacementOptions Seeded(ulong seed) => PlacementOptions.Default with { Seed = seed, RandomTieBreak = true, CandidateLimit = CandidateLimit.All };

        var chosen = Enumerable.Range(1, 8).Select(seed => new Placer(Seeded((ulong)seed)).Place(snapshot, Request()).Chosen!.NodeId).ToArray();
        var again = Enumerable.Range(1, 8).Select(seed => new Placer(Seeded((ulong)seed)).Place(snapshot, Request()).Chosen!.NodeId).ToArray();

        Assert.Equal(chosen, again);
        Assert.True(chosen.Distinct().Count() >= 6, string.Join(", ", chosen));
    }

    [Fact]
    public void Bin_packing_placers_with_different_seeds_fill_different_nodes()
    {
        var snapshot = Identical(1000);

        var first = new Placer(PlacementOptions.Default with { Seed = 1 }).Place(snapshot, Request());
        var second = new Placer(PlacementOptions.Default with { Seed = 2 }).Place(snapshot, Request());
        var unseeded = new Placer(PlacementOptions.Default).Place(snapshot, Request());

        Assert.Equal("node-000", unseeded.Chosen?.NodeId);
        Assert.NotEqual(first.Chosen?.NodeId, second.Chosen?.NodeId);
        Assert.Equal(first.Chosen, new Placer(PlacementOptions.Default with { Seed = 1 }).Place(snapshot, Request()).Chosen);
    }

    [Fact]
    public void One_placer_keeps_packing_the_same_node_until_it_is_full()
    {
        var snapshot = Identical(1000);
        var placer = new Placer(PlacementOptions.Default with { Seed = 42 });
        var chosen = new List<string>();

        // 2 CPU nodes, half a core each: four fit on a node before the next is started.
        for (var i = 0; i < 8; i++)
        {
            var request = Request() with { WorkloadId = $"w{i}" };
            var decision = placer.Place(snapshot, request);
            chosen.Add(decision.Chosen!.NodeId);
            snapshot = snapshot.Apply(decision, request.ToPlacedWorkload($"w{i}"));
        }

        Assert.Equal(2, chosen.Distinct().Count());
        Assert.Equal(4, chosen.Count(id => id == chosen[0]));
    }

    [Fact]
    public void Spreading_walks_a_different_random_order_per_workload()
    {
        var snapshot = Identical(1000);
        var placer = new Placer(PlacementOptions.Default with { Strategy = ScoringStrategy.Spread });

        var chosen = Enumerable.Range(0, 20)
            .Select(i => placer.Place(snapshot, Request() with { WorkloadId = $"w{i}" }).Chosen!.NodeId)
            .ToArray();

        Assert.True(chosen.Distinct().Count() >= 18, string.Join(", ", chosen));
        Assert.Equal(chosen[3], placer.Place(snapshot, Request() with { WorkloadId = "w3" }).Chosen!.NodeId);
    }

    [Fact]
    public void A_random_walk_visits_every_node_once()
    {
        // 1,000 nodes with only one that fits: the walk must reach it whatever its start and stride.
        var builder = new ClusterBuilder();
        for (var i = 0; i < 1000; i++)
        {
            var index = i;
            builder.Node($"n{i:D4}", n => index == 617 ? n : n.Allocated("2", "0"));
        }

        var snapshot = builder.Snapshot();
        var placer = new Placer(PlacementOptions.Default with { Strategy = ScoringStrategy.Spread, Seed = 7 });
        for (var w = 0; w < 25; w++)
        {
            var decision = placer.Place(snapshot, Request() with { WorkloadId = $"w{w}" });
            Assert.Equal("n0617", decision.Chosen?.NodeId);
            Assert.Equal(1000, decision.NodesEvaluated);
        }
    }
}
