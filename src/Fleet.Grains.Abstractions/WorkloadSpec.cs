using System.Collections.Immutable;

namespace Fleet.Grains;

/// <summary>A validated workload specification as grains store and pass it.</summary>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadSpec")]
public sealed record WorkloadSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<string> Command,
    [property: Id(2)] long MemoryBytes,
    [property: Id(3)] long CpuMillis,
    [property: Id(4)] string Rootfs,
    [property: Id(5)] ImmutableDictionary<string, string> Environment);
