using System.Collections.Immutable;

namespace Fleet.Grains;

/// <summary>A workload as its grain records it.</summary>
/// <param name="NodeId">The node it was placed on; null while unplaced.</param>
/// <param name="ExitCode">Set once it has exited.</param>
/// <param name="Reason">Why it is in its phase (e.g. why pending or failed); empty when there is nothing to say.</param>
/// <param name="Version">Rises with every change.</param>
/// <param name="FinalUsage">What it used in all, once it has ended on a node that could read it.</param>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadSnapshot")]
public sealed record WorkloadSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] WorkloadSpec Spec,
    [property: Id(2)] WorkloadPhase Phase,
    [property: Id(3)] string? NodeId,
    [property: Id(4)] int? ExitCode,
    [property: Id(5)] string Reason,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] ImmutableArray<StateChange> History,
    [property: Id(8)] long Version,
    [property: Id(9)] WorkloadFinalUsage? FinalUsage = null);
