namespace Fleet.Grains;

/// <summary>What the workload index keeps per workload: enough to list, resolve names and find pending work.</summary>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadSummary")]
public sealed record WorkloadSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] WorkloadPhase Phase,
    [property: Id(3)] DateTimeOffset CreatedAt);
