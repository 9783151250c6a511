using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

public sealed class ReasonTests
{
    [Fact]
    public void A_few_rejected_nodes_are_each_named_in_the_pending_reason()
    {
        var snapshot = new ClusterBuilder()
            .Node("node-b", n => n.Down())
            .Node("node-a", n => n.Capacity("1", "1Gi").Allocated("0.75", "0"))
            .Snapshot();

        var decision = snapshot.Place(Request("0.5", "64Mi"), PlacementOptions.Default);

        Assert.False(decision.IsPlaced);
        Assert.Equal(
            "no node can take 0.5 CPU, 64Mi memory, rootfs \"busybox\": node-a: needs 0.5 CPU, 0.25 free; node-b: down; "
            + "evicting workloads of priority below 50 would not make room on any node",
            decision.Reason);
        Assert.Empty(decision.Rejections);
    }

    [Fact]
    public void Many_rejected_nodes_are_counted_per_filter_in_the_pending_reason()
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 40; i++)
        {
            var index = i;
            builder.Node($"n{i:D2}", n => index switch
            {
                < 10 => n.Down(),
                < 15 => n.Cordoned(),
                < 25 => n.Labels("zone=b"),
                < 30 => n.Rootfs("alpine").Labels("zone=a"),
                _ => n.Labels("zone=a").Allocated("2", "1Gi"),
            });
        }

        var decision = builder.Snapshot().Place(Request().Constrained("zone=a") with { Pids = 10, HostPorts = [80] }, PlacementOptions.Default with { Preemption = false });

        Assert.Equal(
            "no node can take 0.5 CPU, 64Mi memory, 10 pids, host port 80, rootfs \"busybox\": down on 10 nodes; cordoned on 5 nodes; "
            + "constraint zone=a not met on 10 nodes; no rootfs \"busybox\" on 5 nodes; not enough CPU on 10 nodes; not enough memory on 10 nodes",
            decision.Reason);
        Assert.Equal(40, decision.NodesEvaluated);
    }

    [Fact]
    public void A_full_cluster_is_walked_completely_so_that_the_reason_counts_every_node()
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 200; i++)
        {
            builder.Node($"n{i:D3}", n => n.Allocated("2", "0"));
        }

        var decision = builder.Snapshot().Place(Request(), PlacementOptions.Default with { Preemption = false });

        Assert.Equal(200, decision.NodesEvaluated);
        Assert.Equal("not enough CPU on 200 nodes", Assert.Single(decision.Filtered).ToString());
    }

    [Fact]
    public void Pages_of_full_nodes_are_skipped_without_evaluation()
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 200; i++)
        {
            var index = i;
            builder.Node($"n{i:D3}", n => index < 150 ? n.Allocated("2", "0") : n);
        }

        var decision = builder.Snapshot().Place(Request(), PlacementOptions.Default with { CandidateLimit = CandidateLimit.Of(1) });

        Assert.Equal("n150", decision.Chosen?.NodeId);
        Assert.True(decision.NodesEvaluated < 40, $"evaluated {decision.NodesEvaluated}");
    }

    [Fact]
    public void A_node_score_prints_its_parts()
    {
        var score = new NodeScore("n1", 0.5) { Fit = 0.25, TopologySpread = 1, JobAntiAffinity = -0.5 };

        Assert.Equal("n1 0.5 (fit 0.25, spread 1, job anti-affinity -0.5)", score.ToString());
    }
}
