namespace Fleet.Grains;

/// <summary>A workload changed state. Sequence numbers rise by one per event within one activation of the index.</summary>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadEvent")]
public sealed record WorkloadEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] WorkloadSnapshot Workload);
