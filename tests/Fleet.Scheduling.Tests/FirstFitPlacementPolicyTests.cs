using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

public sealed class FirstFitPlacementPolicyTests
{
    private readonly FirstFitPlacementPolicy _policy = new();

    [Fact]
    public void Ready_nodes_with_room_are_feasible_in_node_id_order()
    {
        var cluster = new ClusterBuilder().Node("node-c").Node("node-a").Node("node-b").Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("0.5", "64Mi"));

        Assert.True(decision.IsFeasible);
        Assert.Equal(["node-a", "node-b", "node-c"], decision.Feasible);
        Assert.Empty(decision.Rejections);
        Assert.Equal(string.Empty, decision.Reason);
    }

    [Fact]
    public void The_same_snapshot_in_another_order_gives_the_same_decision()
    {
        var forward = new ClusterBuilder().Node("n1").Node("n2", n => n.Down()).Node("n3").Build();
        var backward = forward.Reverse().ToArray();

        var a = _policy.Place(forward, ClusterBuilder.Request("1", "1Mi"));
        var b = _policy.Place(backward, ClusterBuilder.Request("1", "1Mi"));

        Assert.Equal(a.Feasible, b.Feasible);
        Assert.Equal(a.Rejections, b.Rejections);
    }

    [Fact]
    public void A_node_short_of_cpu_is_rejected_saying_what_it_needs_and_has()
    {
        var cluster = new ClusterBuilder()
            .Node("node-a", n => n.Capacity("1", "1Gi").Allocated("0.75", "0"))
            .Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("0.5", "64Mi"));

        Assert.False(decision.IsFeasible);
        var rejection = Assert.Single(decision.Rejections);
        Assert.Equal("node-a", rejection.NodeId);
        Assert.Equal("needs 0.5 CPU, 0.25 free", rejection.Reason);
        Assert.Equal("node-a: needs 0.5 CPU, 0.25 free", rejection.ToString());
    }

    [Fact]
    public void A_node_short_of_memory_is_rejected_saying_what_it_needs_and_has()
    {
        var cluster = new ClusterBuilder()
            .Node("node-a", n => n.Capacity("4", "256Mi").Allocated("0", "224Mi"))
            .Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("0.5", "64Mi"));

        Assert.Equal("needs 64Mi memory, 32Mi free", Assert.Single(decision.Rejections).Reason);
    }

    [Fact]
    public void A_node_short_of_both_names_both()
    {
        var cluster = new ClusterBuilder().Node("node-a", n => n.Capacity("1", "128Mi").Allocated("1", "128Mi")).Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("500m", "64Mi"));

        Assert.Equal("needs 0.5 CPU, 0 free, needs 64Mi memory, 0 free", Assert.Single(decision.Rejections).Reason);
    }

    [Fact]
    public void An_exact_fit_is_feasible()
    {
        var cluster = new ClusterBuilder().Node("node-a", n => n.Capacity("1", "128Mi").Allocated("0.5", "64Mi")).Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("0.5", "64Mi"));

        Assert.Equal(["node-a"], decision.Feasible);
    }

    [Fact]
    public void An_overcommitted_node_shows_nothing_free_rather_than_a_negative_amount()
    {
        var cluster = new ClusterBuilder().Node("node-a", n => n.Capacity("1", "1Gi").Allocated("1.5", "0")).Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("0.1", "1Mi"));

        Assert.Equal("needs 0.1 CPU, 0 free", Assert.Single(decision.Rejections).Reason);
    }

    [Fact]
    public void A_down_node_is_never_feasible_even_when_empty()
    {
        var cluster = new ClusterBuilder().Node("node-b", n => n.Down()).Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("0.1", "1Mi"));

        Assert.Equal("down", Assert.Single(decision.Rejections).Reason);
    }

    [Fact]
    public void A_node_without_the_rootfs_is_rejected()
    {
        var cluster = new ClusterBuilder().Node("node-a", n => n.Rootfs("alpine")).Node("node-b", n => n.Rootfs("alpine", "busybox")).Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("0.1", "1Mi", rootfs: "busybox"));

        Assert.Equal(["node-b"], decision.Feasible);
        Assert.Equal("has no rootfs \"busybox\"", Assert.Single(decision.Rejections).Reason);
    }

    [Fact]
    public void When_no_node_fits_the_reason_names_the_request_and_every_node()
    {
        var cluster = new ClusterBuilder()
            .Node("node-b", n => n.Down())
            .Node("node-a", n => n.Capacity("1", "1Gi").Allocated("0.75", "0"))
            .Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("0.5", "64Mi"));

        Assert.False(decision.IsFeasible);
        Assert.Equal(
            "no node has room for 0.5 CPU, 64Mi memory, rootfs \"busybox\": node-a: needs 0.5 CPU, 0.25 free; node-b: down",
            decision.Reason);
    }

    [Fact]
    public void An_empty_cluster_says_no_node_is_registered()
    {
        var decision = _policy.Place([], ClusterBuilder.Request("0.5", "64Mi"));

        Assert.False(decision.IsFeasible);
        Assert.Equal("no node is registered", decision.Reason);
    }

    [Fact]
    public void Mixed_cluster_keeps_feasible_and_rejected_apart()
    {
        var cluster = new ClusterBuilder()
            .Node("n4")
            .Node("n1", n => n.Down())
            .Node("n3", n => n.Allocated("2", "0"))
            .Node("n2")
            .Build();

        var decision = _policy.Place(cluster, ClusterBuilder.Request("1", "64Mi"));

        Assert.Equal(["n2", "n4"], decision.Feasible);
        Assert.Equal(["n1", "n3"], decision.Rejections.Select(r => r.NodeId));
    }

    [Fact]
    public void Thousands_of_nodes_are_ranked_in_order()
    {
        var builder = new ClusterBuilder();
        for (var i = 4999; i >= 0; i--)
        {
            var full = i % 3 == 0;
            builder.Node($"node-{i:D5}", n => full ? n.Allocated("2", "0") : n);
        }

        var cluster = builder.Build();
        var decision = _policy.Place(cluster, ClusterBuilder.Request("1", "64Mi"));

        Assert.Equal(5000 - 1667, decision.Feasible.Length);
        Assert.Equal(1667, decision.Rejections.Length);
        Assert.Equal("node-00001", decision.Feasible[0]);
        Assert.Equal(decision.Feasible.Order(StringComparer.Ordinal), decision.Feasible);
    }
}
