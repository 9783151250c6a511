using Fleet.Domain;
using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

public sealed class NodeFitTests
{
    [Fact]
    public void Room_is_measured_against_capacity_minus_allocation()
    {
        var capacity = new ResourceRequest(MemoryBytes: 1000, CpuMillis: 1000);
        var allocated = new ResourceRequest(MemoryBytes: 400, CpuMillis: 600);

        Assert.Null(NodeFit.WhyNoRoom(capacity, allocated, new ResourceRequest(600, 400)));
        Assert.NotNull(NodeFit.WhyNoRoom(capacity, allocated, new ResourceRequest(601, 400)));
        Assert.NotNull(NodeFit.WhyNoRoom(capacity, allocated, new ResourceRequest(600, 401)));
    }

    [Fact]
    public void A_down_node_is_reported_down_before_anything_else()
    {
        var node = new NodeBuilder("n").Down().Rootfs("alpine").Allocated("2", "1Gi").Build();

        Assert.Equal("down", NodeFit.WhyNot(node, ClusterBuilder.Request("1", "1Mi")));
    }
}
