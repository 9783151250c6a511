using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class FeasibilityTests
{
    [Fact]
    public void A_down_node_is_rejected_as_down()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Down()).Node("b").Snapshot();

        var decision = snapshot.Place(Request());

        Assert.Equal(["b"], decision.Feasible);
        var rejection = Assert.Single(decision.Rejections);
        Assert.Equal(("a", "down", PlacementFilter.Down), (rejection.NodeId, rejection.Reason, rejection.Filter));
    }

    [Fact]
    public void A_cordoned_node_takes_nothing_new_but_keeps_its_workloads()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Cordoned().Runs(Workload("w1"))).Node("b").Snapshot();

        var decision = snapshot.Place(Request());

        Assert.Equal(["b"], decision.Feasible);
        Assert.Equal("cordoned", decision.ReasonFor("a"));
        Assert.Single(snapshot["a"].Workloads);
    }

    [Fact]
    public void Down_is_reported_before_cordoned_and_short_resources()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Down().Cordoned().Allocated("2", "1Gi")).Snapshot();

        Assert.Equal("down", snapshot.Place(Request()).ReasonFor("a"));
    }

    [Fact]
    public void A_node_short_of_cpu_says_what_it_needs_and_has()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Capacity("1", "1Gi").Runs(Workload("w1", cpu: "0.75"))).Snapshot();

        var decision = snapshot.Place(Request(cpu: "0.5"));

        Assert.Equal("needs 0.5 CPU, 0.25 free", decision.ReasonFor("a"));
        Assert.Equal(PlacementFilter.Resources, Assert.Single(decision.Rejections).Filter);
    }

    [Fact]
    public void A_node_short_of_memory_says_what_it_needs_and_has()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Capacity("4", "256Mi").Allocated("0", "224Mi")).Snapshot();

        Assert.Equal("needs 64Mi memory, 32Mi free", snapshot.Place(Request(memory: "64Mi")).ReasonFor("a"));
    }

    [Fact]
    public void Pids_are_checked_only_on_nodes_that_account_for_them()
    {
        var workload = Workload("w1") with { Resources = new ResourceVector(100, 1 << 20, Pids: 900) };
        var snapshot = new ClusterBuilder()
            .Node("counted", n => n.Pids(1000).Runs(workload))
            .Node("uncounted", n => n.Runs(workload))
            .Snapshot();

        var decision = snapshot.Place(Request() with { Pids = 200 });

        Assert.Equal(["uncounted"], decision.Feasible);
        Assert.Equal("needs 200 pids, 100 free", decision.ReasonFor("counted"));
    }

    [Fact]
    public void Every_short_dimension_is_named()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Capacity("1", "128Mi").Allocated("1", "128Mi")).Snapshot();

        Assert.Equal("needs 0.5 CPU, 0 free, needs 64Mi memory, 0 free", snapshot.Place(Request("500m", "64Mi")).ReasonFor("a"));
    }

    [Fact]
    public void An_exact_fit_is_feasible_and_scores_a_full_node()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Capacity("1", "128Mi").Allocated("0.5", "64Mi")).Snapshot();

        var decision = snapshot.Place(Request("0.5", "64Mi"));

        Assert.Equal("a", decision.Chosen?.NodeId);
        Assert.Equal(1.0, decision.Chosen!.Fit, 9);
    }

    [Fact]
    public void A_node_without_the_rootfs_is_rejected_and_an_empty_rootfs_needs_none()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Rootfs("alpine")).Node("b", n => n.Rootfs("alpine", "busybox")).Snapshot();

        var decision = snapshot.Place(Request(rootfs: "busybox"));

        Assert.Equal(["b"], decision.Feasible);
        Assert.Equal("has no rootfs \"busybox\"", decision.ReasonFor("a"));
        Assert.Equal(2, snapshot.Place(Request(rootfs: string.Empty)).Feasible.Length);
    }

    [Fact]
    public void A_rootfs_no_node_offers_rejects_every_node()
    {
        var snapshot = new ClusterBuilder().Node("a").Node("b").Snapshot();

        var decision = snapshot.Place(Request(rootfs: "debian"));

        Assert.False(decision.IsPlaced);
        Assert.All(decision.Rejections, r => Assert.Equal(PlacementFilter.Rootfs, r.Filter));
    }

    [Fact]
    public void More_than_64_rootfs_names_are_still_told_apart()
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 70; i++)
        {
            var name = $"rootfs-{i:D2}";
            builder.Node($"node-{i:D2}", n => n.Rootfs(name));
        }

        var snapshot = builder.Snapshot();

        Assert.Equal(["node-69"], snapshot.Place(Request(rootfs: "rootfs-69")).Feasible);
        Assert.Equal(["node-03"], snapshot.Place(Request(rootfs: "rootfs-03")).Feasible);
    }

    [Fact]
    public void A_host_port_in_use_rejects_the_node()
    {
        var holder = Workload("w1") with { HostPorts = [8080] };
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(holder))
            .Node("b", n => n.PortsInUse(22))
            .Node("c")
            .Snapshot();

        var decision = snapshot.Place(Request() with { HostPorts = [8080, 22] });

        Assert.Equal(["c"], decision.Feasible);
        Assert.Equal("host port 8080 is in use", decision.ReasonFor("a"));
        Assert.Equal("host port 22 is in use", decision.ReasonFor("b"));
        Assert.All(decision.Rejections, r => Assert.Equal(PlacementFilter.HostPort, r.Filter));
    }

    [Fact]
    public void Filters_apply_in_order_and_report_the_first_that_fails()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Labels("zone=x").Rootfs("alpine").Allocated("2", "0"))
            .Node("b", n => n.Labels("zone=z").Rootfs("alpine").Allocated("2", "0"))
            .Node("c", n => n.Labels("zone=z").Allocated("2", "0").PortsInUse(80))
            .Node("d", n => n.Labels("zone=z").PortsInUse(80))
            .Snapshot();

        var decision = snapshot.Place(Request().Constrained("zone=z") with { HostPorts = [80] });

        Assert.Equal(
            [PlacementFilter.Constraint, PlacementFilter.Rootfs, PlacementFilter.Resources, PlacementFilter.HostPort],
            decision.Rejections.Select(r => r.Filter!.Value));
    }

    [Fact]
    public void Filtered_counts_name_each_filter_and_dimension()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Down())
            .Node("b", n => n.Down())
            .Node("c", n => n.Allocated("2", "1Gi"))
            .Node("d", n => n.Allocated("2", "0"))
            .Node("e")
            .Snapshot();

        var decision = snapshot.Place(Request(), PlacementOptions.Default);

        Assert.Equal(
            ["down on 2 nodes", "not enough CPU on 2 nodes", "not enough memory on 1 node"],
            decision.Filtered.Select(f => f.ToString()));
    }
}
