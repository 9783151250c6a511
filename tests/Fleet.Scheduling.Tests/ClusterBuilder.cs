using Fleet.Domain;
using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

/// <summary>Builds a snapshot of mock nodes, in the manner of Nomad's scheduler test harness.</summary>
public sealed class ClusterBuilder
{
    private readonly List<NodeBuilder> _nodes = [];

    public ClusterBuilder Node(string id, Func<NodeBuilder, NodeBuilder>? configure = null)
    {
        var node = new NodeBuilder(id);
        _nodes.Add(configure is null ? node : configure(node));
        return this;
    }

    public IReadOnlyCollection<NodeCandidate> Build() => [.. _nodes.Select(n => n.Build())];

    public static PlacementRequest Request(string cpu, string memory, string rootfs = "busybox") =>
        new(new ResourceRequest(NodeBuilder.Memory(memory), NodeBuilder.Cpu(cpu)), rootfs);
}
