using System.Collections.Immutable;

namespace Fleet.Grains;

/// <summary>A node as its grain records it.</summary>
/// <param name="Ready">Heard from within the heartbeat timeout.</param>
/// <param name="LastHeartbeat">Null when not heard from since the control plane started.</param>
[GenerateSerializer, Immutable, Alias("fleet.NodeSnapshot")]
public sealed record NodeSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string Address,
    [property: Id(2)] long CapacityCpuMillis,
    [property: Id(3)] long CapacityMemoryBytes,
    [property: Id(4)] long AllocatedCpuMillis,
    [property: Id(5)] long AllocatedMemoryBytes,
    [property: Id(6)] bool Ready,
    [property: Id(7)] DateTimeOffset? LastHeartbeat,
    [property: Id(8)] int WorkloadCount,
    [property: Id(9)] ImmutableArray<string> RootfsNames);
