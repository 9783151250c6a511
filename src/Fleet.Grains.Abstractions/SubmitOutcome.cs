namespace Fleet.Grains;

/// <summary>The result of a submission: the stored workload, or the id of the workload that already holds the name.</summary>
[GenerateSerializer, Immutable, Alias("fleet.SubmitOutcome")]
public sealed record SubmitOutcome(
    [property: Id(0)] WorkloadSnapshot? Workload,
    [property: Id(1)] string? NameTakenBy);
