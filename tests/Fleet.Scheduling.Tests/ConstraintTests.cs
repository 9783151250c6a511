using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class ConstraintTests
{
    private static readonly ClusterSnapshot Cluster = new ClusterBuilder()
        .Node("a", n => n.Labels("zone=eu-1", "kernel=6.1.0", "gpu=nvidia"))
        .Node("b", n => n.Labels("zone=eu-2", "kernel=6.18.0-1-cloud-amd64"))
        .Node("c", n => n.Labels("zone=us-1", "kernel=5.15.0"))
        .Node("d", n => n.Labels("kernel=weird"))
        .Snapshot();

    [Theory]
    [InlineData("zone=eu-1", "a")]
    [InlineData("zone==eu-1", "a")]
    [InlineData("zone!=eu-1", "b,c,d")]
    [InlineData("zone in (eu-1, us-1)", "a,c")]
    [InlineData("zone not in (eu-1, us-1)", "b,d")]
    [InlineData("gpu exists", "a")]
    [InlineData("gpu not exists", "b,c,d")]
    [InlineData("kernel semver >= 6.1", "a,b")]
    [InlineData("kernel semver > 6.1.0", "b")]
    [InlineData("kernel semver < 6.1", "c")]
    [InlineData("kernel semver <= 6.1.0", "a,c")]
    [InlineData("kernel version >= 6.2", "b")]
    public void Each_operator_keeps_exactly_the_nodes_it_should(string constraint, string expected)
    {
        var decision = Cluster.Place(Request().Constrained(constraint));

        Assert.Equal(expected.Split(','), decision.Feasible.Order(StringComparer.Ordinal));
        Assert.All(decision.Rejections, r => Assert.Equal(PlacementFilter.Constraint, r.Filter));
    }

    [Fact]
    public void Every_constraint_must_hold()
    {
        var decision = Cluster.Place(Request().Constrained("zone in (eu-1, eu-2)", "kernel semver >= 6.2"));

        Assert.Equal(["b"], decision.Feasible);
    }

    [Fact]
    public void A_constraint_on_a_label_no_node_has_rejects_every_node_saying_so()
    {
        var decision = Cluster.Place(Request().Constrained("rack=r1"));

        Assert.False(decision.IsPlaced);
        Assert.Equal("has no label rack, required by rack=r1", decision.ReasonFor("a"));
    }

    [Fact]
    public void Reasons_name_the_label_value_and_the_constraint()
    {
        var decision = Cluster.Place(Request().Constrained("zone in (eu-1, eu-2)"));

        Assert.Equal("label zone=us-1 does not satisfy zone in (eu-1, eu-2)", decision.ReasonFor("c"));
        Assert.Equal("has no label zone, required by zone in (eu-1, eu-2)", decision.ReasonFor("d"));
    }

    [Fact]
    public void A_label_that_is_not_a_version_fails_a_semver_constraint_saying_so()
    {
        var decision = Cluster.Place(Request().Constrained("kernel semver >= 1"));

        Assert.Equal("label kernel=weird is not a version, required by kernel semver >= 1", decision.ReasonFor("d"));
    }

    [Fact]
    public void Counts_per_constraint_say_which_constraint_filtered_how_many()
    {
        var decision = Cluster.Place(Request().Constrained("zone exists", "kernel semver >= 6.2"), PlacementOptions.Default);

        Assert.Equal(
            ["constraint zone exists not met on 1 node", "constraint kernel semver >= 6.2 not met on 2 nodes"],
            decision.Filtered.Select(f => f.ToString()));
    }

    [Fact]
    public void Node_label_changes_are_seen_by_later_placements()
    {
        var relabelled = Cluster.SetNode(Cluster["c"] with { Labels = Labels("zone=eu-1", "kernel=5.15.0") });

        Assert.Equal(["a", "c"], relabelled.Place(Request().Constrained("zone=eu-1")).Feasible.Order(StringComparer.Ordinal));
        Assert.Equal(["a"], Cluster.Place(Request().Constrained("zone=eu-1")).Feasible);
    }

    [Fact]
    public void A_label_key_new_to_the_cluster_is_seen_after_set_node()
    {
        var relabelled = Cluster.SetNode(Cluster["d"] with { Labels = Labels("rack=r1") });

        Assert.Equal(["d"], relabelled.Place(Request().Constrained("rack=r1")).Feasible);
    }

    [Fact]
    public void Constraints_on_a_label_with_a_value_per_node_pick_exactly_their_nodes()
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 300; i++)
        {
            var host = $"h{i}";
            builder.Node($"n{i:D3}", n => n.Labels($"host={host}"));
        }

        var snapshot = builder.Snapshot();

        for (var twice = 0; twice < 2; twice++)
        {
            Assert.Equal(["n007", "n042"], snapshot.Place(Request().Constrained("host in (h7, h42, nowhere)")).Feasible.Order(StringComparer.Ordinal));
            Assert.Equal(298, snapshot.Place(Request().Constrained("host not in (h7, h42, nowhere)")).Feasible.Length);
            Assert.Equal(["n100"], snapshot.Place(Request().Constrained("host=h100")).Feasible);
            Assert.Equal(299, snapshot.Place(Request().Constrained("host!=h100")).Feasible.Length);
            Assert.Empty(snapshot.Place(Request().Constrained("host=nowhere")).Feasible);
        }
    }
}
