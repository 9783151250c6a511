namespace Fleet.Grains.Workloads;

/// <summary>What the workload index keeps per workload.</summary>
/// <param name="Unplaced">Pending and on no node: the index asks it to retry placement.</param>
/// <param name="Version">The workload's version last published; older publications are ignored.</param>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadIndexEntry")]
internal sealed record WorkloadIndexEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] WorkloadPhase Phase,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] bool Unplaced,
    [property: Id(5)] long Version)
{
    public WorkloadSummary ToSummary() => new(Id, Name, Phase, CreatedAt);
}
