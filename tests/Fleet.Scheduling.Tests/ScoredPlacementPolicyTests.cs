using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

public sealed class ScoredPlacementPolicyTests
{
    private readonly ScoredPlacementPolicy _policy = new();

    [Fact]
    public void The_adapter_is_a_placement_policy_for_the_grains()
    {
        Assert.IsType<IPlacementPolicy>(_policy, exactMatch: false);
    }

    [Fact]
    public void The_adapter_ranks_node_candidates_by_bin_packing()
    {
        var nodes = new ClusterBuilder()
            .Node("empty")
            .Node("busy", n => n.Allocated("1.5", "512Mi"))
            .Node("down", n => n.Down())
            .Build();

        var decision = _policy.Place(nodes, ClusterBuilder.Request("0.25", "64Mi"));

        Assert.Equal(["busy", "empty"], decision.Feasible);
        Assert.Equal("busy", decision.Chosen?.NodeId);
    }

    [Fact]
    public void The_adapter_says_why_nothing_fits()
    {
        var nodes = new ClusterBuilder().Node("a", n => n.Rootfs("alpine")).Build();

        var decision = _policy.Place(nodes, ClusterBuilder.Request("0.25", "64Mi"));

        Assert.False(decision.IsFeasible);
        Assert.Equal("no node can take 0.25 CPU, 64Mi memory, rootfs \"busybox\": a: has no rootfs \"busybox\"", decision.Reason);
    }
}
