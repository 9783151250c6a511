namespace Fleet.Grains;

/// <summary>A workload placed on a node: what the node's agent must run.</summary>
[GenerateSerializer, Immutable, Alias("fleet.Assignment")]
public sealed record Assignment(
    [property: Id(0)] string WorkloadId,
    [property: Id(1)] WorkloadSpec Spec);
