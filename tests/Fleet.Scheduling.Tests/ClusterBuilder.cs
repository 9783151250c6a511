using Fleet.Domain;
using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

/// <summary>Builds a cluster of mock nodes, in the manner of Nomad's scheduler test harness.</summary>
public sealed class ClusterBuilder
{
    private readonly List<NodeBuilder> _nodes = [];

    public ClusterBuilder Node(string id, Func<NodeBuilder, NodeBuilder>? configure = null)
    {
        var node = new NodeBuilder(id);
        _nodes.Add(configure is null ? node : configure(node));
        return this;
    }

    /// <summary>The nodes as the first-fit policy's candidates.</summary>
    public IReadOnlyCollection<NodeCandidate> Build() => [.. _nodes.Select(n => n.Build())];

    /// <summary>The nodes as a snapshot for the <see cref="Placer"/>.</summary>
    public ClusterSnapshot Snapshot() => ClusterSnapshot.Create(_nodes.Select(n => n.ToClusterNode()));

    public static PlacementRequest Request(string cpu, string memory, string rootfs = "busybox") =>
        new(new ResourceRequest(NodeBuilder.Memory(memory), NodeBuilder.Cpu(cpu)), rootfs);
}
