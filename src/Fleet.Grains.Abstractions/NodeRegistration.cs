using System.Collections.Immutable;

namespace Fleet.Grains;

/// <summary>What an agent says about its node when it (re)registers.</summary>
/// <param name="Address">host:port of the agent's gRPC endpoint.</param>
[GenerateSerializer, Immutable, Alias("fleet.NodeRegistration")]
public sealed record NodeRegistration(
    [property: Id(0)] string Address,
    [property: Id(1)] long CpuMillis,
    [property: Id(2)] long MemoryBytes,
    [property: Id(3)] ImmutableArray<string> RootfsNames);
