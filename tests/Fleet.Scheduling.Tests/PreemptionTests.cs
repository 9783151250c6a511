using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class PreemptionTests
{
    private static PlacementRequest Urgent(string cpu = "1", string memory = "64Mi", int priority = 60) =>
        Request(cpu, memory) with { WorkloadId = "w-new", Priority = priority };

    [Fact]
    public void When_nothing_fits_a_lower_priority_workload_is_preempted_with_a_reason()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(Workload("w-low", cpu: "1", priority: 10), Workload("w-high", cpu: "1", priority: 100)))
            .Snapshot();

        var decision = snapshot.Place(Urgent());

        Assert.False(decision.IsFeasible);
        Assert.True(decision.IsPlaced);
        Assert.Equal("a", decision.Chosen!.NodeId);
        Assert.True(decision.Chosen.RequiresPreemption);
        Assert.Equal(string.Empty, decision.Reason);
        var victim = Assert.Single(decision.Preemptions);
        Assert.Equal(
            new Preemption("w-low", "a", 10, "preempted by w-new (priority 60) to make room for 1 CPU"),
            victim);
    }

    [Fact]
    public void Equal_and_higher_priorities_are_never_preempted()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(Workload("w-same", cpu: "1", priority: 60), Workload("w-high", cpu: "1", priority: 100)))
            .Snapshot();

        var decision = snapshot.Place(Urgent());

        Assert.False(decision.IsPlaced);
        Assert.Empty(decision.Preemptions);
        Assert.Equal(
            "no node can take 1 CPU, 64Mi memory, rootfs \"busybox\": a: needs 1 CPU, 0 free; "
            + "evicting workloads of priority below 60 would not make room on any node",
            decision.Reason);
    }

    [Fact]
    public void The_lowest_priority_goes_first()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(Workload("w-20", cpu: "1", priority: 20), Workload("w-10", cpu: "1", priority: 10)))
            .Snapshot();

        Assert.Equal(["w-10"], snapshot.Place(Urgent()).Preemptions.Select(p => p.WorkloadId));
    }

    [Fact]
    public void One_big_victim_is_taken_rather_than_several_small_ones_of_the_same_priority()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(
                Workload("small-1", cpu: "0.25", priority: 10),
                Workload("small-2", cpu: "0.25", priority: 10),
                Workload("small-3", cpu: "0.25", priority: 10),
                Workload("big", cpu: "1.25", priority: 10)))
            .Snapshot();

        Assert.Equal(["big"], snapshot.Place(Urgent(cpu: "1.25")).Preemptions.Select(p => p.WorkloadId));
    }

    [Fact]
    public void Victims_that_turn_out_unneeded_are_reprieved()
    {
        // Greedy takes the priority-10 half core first, then needs the priority-20 core anyway;
        // with that core gone the half core is not needed, so it stays.
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Capacity("1.5", "1Gi").Runs(Workload("half", cpu: "0.5", priority: 10), Workload("core", cpu: "1", priority: 20)))
            .Snapshot();

        Assert.Equal(["core"], snapshot.Place(Urgent()).Preemptions.Select(p => p.WorkloadId));
    }

    [Fact]
    public void The_node_where_preemption_hurts_least_is_chosen()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(Workload("a-30", cpu: "2", priority: 30)))
            .Node("b", n => n.Runs(Workload("b-10", cpu: "1", priority: 10), Workload("b-11", cpu: "1", priority: 10)))
            .Node("c", n => n.Runs(Workload("c-10", cpu: "2", priority: 10)))
            .Snapshot();

        // a would lose a priority-30 workload, b two priority-10 ones, c one priority-10 one.
        var decision = snapshot.Place(Urgent(cpu: "2"));

        Assert.Equal("c", decision.Chosen?.NodeId);
        Assert.Equal(["c-10"], decision.Preemptions.Select(p => p.WorkloadId));
    }

    [Fact]
    public void Fewer_victims_win_over_a_lower_sum_of_priorities_only_after_the_highest_priority()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(Workload("a-20", cpu: "2", priority: 20)))
            .Node("b", n => n.Runs(Workload("b-5", cpu: "1", priority: 5), Workload("b-10", cpu: "1", priority: 10)))
            .Snapshot();

        // b's highest victim (10) is below a's (20): two victims are less harm than one more important one.
        Assert.Equal("b", snapshot.Place(Urgent(cpu: "2")).Chosen?.NodeId);
    }

    [Fact]
    public void Memory_and_cpu_are_both_made_room_for()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Capacity("2", "1Gi").Runs(
                Workload("cpu-hog", cpu: "1.5", memory: "64Mi", priority: 10),
                Workload("mem-hog", cpu: "0.25", memory: "900Mi", priority: 10)))
            .Snapshot();

        var decision = snapshot.Place(Urgent(cpu: "1", memory: "512Mi"));

        Assert.Equal(["cpu-hog", "mem-hog"], decision.Preemptions.Select(p => p.WorkloadId));
        Assert.EndsWith("to make room for 1 CPU, 512Mi memory", decision.Preemptions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_holder_of_a_needed_host_port_is_preempted()
    {
        var holder = Workload("w-port", cpu: "0.1", priority: 10) with { HostPorts = [8080] };
        var snapshot = new ClusterBuilder().Node("a", n => n.Runs(holder)).Snapshot();

        var decision = snapshot.Place(Urgent(cpu: "0.1") with { HostPorts = [8080] });

        Assert.Equal(
            new Preemption("w-port", "a", 10, "preempted by w-new (priority 60) to make room for host port 8080"),
            Assert.Single(decision.Preemptions));
    }

    [Fact]
    public void A_port_held_by_a_higher_priority_or_outside_fleet_cannot_be_freed()
    {
        var holder = Workload("w-port", cpu: "0.1", priority: 90) with { HostPorts = [8080] };
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(holder))
            .Node("b", n => n.PortsInUse(8080))
            .Snapshot();

        Assert.False(snapshot.Place(Urgent(cpu: "0.1") with { HostPorts = [8080] }).IsPlaced);
    }

    [Fact]
    public void Nodes_rejected_for_other_reasons_are_not_preempted_on()
    {
        var low = Workload("w-low", cpu: "2", priority: 1);
        var snapshot = new ClusterBuilder()
            .Node("down", n => n.Down().Runs(low))
            .Node("cordoned", n => n.Cordoned().Runs(low with { Id = "w-low-2" }))
            .Node("elsewhere", n => n.Labels("zone=b").Runs(low with { Id = "w-low-3" }))
            .Snapshot();

        var decision = snapshot.Place(Urgent().Constrained("zone=a"));

        Assert.False(decision.IsPlaced);
        Assert.DoesNotContain("evicting", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Workloads_a_required_affinity_depends_on_are_never_victims()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(Workload("db", cpu: "1", priority: 10, labels: "app=db"), Workload("batch", cpu: "1", priority: 20)))
            .Snapshot();
        var request = Urgent() with { Affinities = [WorkloadAffinity.Require(WorkloadSelector.Label("app", "db"))] };

        Assert.Equal(["batch"], snapshot.Place(request).Preemptions.Select(p => p.WorkloadId));
    }

    [Fact]
    public void Preemption_can_be_turned_off()
    {
        var snapshot = new ClusterBuilder().Node("a", n => n.Runs(Workload("w-low", cpu: "2", priority: 1))).Snapshot();

        var decision = snapshot.Place(Urgent(), PlacementOptions.Plan with { Preemption = false });

        Assert.False(decision.IsPlaced);
        Assert.Equal("no node can take 1 CPU, 64Mi memory, rootfs \"busybox\": a: needs 1 CPU, 0 free", decision.Reason);
    }

    [Fact]
    public void Applying_a_preemption_evicts_the_victims_and_places_the_workload()
    {
        var snapshot = new ClusterBuilder()
            .Node("a", n => n.Runs(Workload("w-low", cpu: "1", priority: 10), Workload("w-high", cpu: "1", priority: 100)))
            .Snapshot();
        var request = Urgent();

        var after = snapshot.Apply(snapshot.Place(request), request.ToPlacedWorkload("w-new"));

        Assert.Equal(["w-high", "w-new"], after["a"].Workloads.Select(w => w.Id));
        Assert.Equal(2000, after["a"].Allocated.CpuMillis);
        Assert.Equal(["w-low", "w-high"], snapshot["a"].Workloads.Select(w => w.Id));
    }
}
