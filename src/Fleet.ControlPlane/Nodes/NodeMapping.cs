using Fleet.Grains;
using Google.Protobuf.WellKnownTypes;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Nodes;

/// <summary>A node grain's record as the public API shows it.</summary>
internal static class NodeMapping
{
    public static Proto.Node ToProto(this NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var proto = new Proto.Node
        {
            Id = node.Id,
            Address = node.Address,
            Capacity = new Proto.Resources { CpuMillis = node.CapacityCpuMillis, MemoryBytes = node.CapacityMemoryBytes },
            Allocated = new Proto.Resources { CpuMillis = node.AllocatedCpuMillis, MemoryBytes = node.AllocatedMemoryBytes },
            State = node.Ready ? Proto.NodeState.Ready : Proto.NodeState.Down,
            WorkloadCount = node.WorkloadCount,
        };
        if (node.LastHeartbeat is { } lastHeartbeat)
        {
            proto.LastHeartbeat = Timestamp.FromDateTimeOffset(lastHeartbeat);
        }

        if (!node.RootfsNames.IsDefault)
        {
            proto.RootfsNames.AddRange(node.RootfsNames);
        }

        return proto;
    }
}
