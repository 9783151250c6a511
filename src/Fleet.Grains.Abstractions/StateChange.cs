namespace Fleet.Grains;

/// <summary>One entry of a workload's state history.</summary>
[GenerateSerializer, Immutable, Alias("fleet.StateChange")]
public sealed record StateChange(
    [property: Id(0)] WorkloadPhase Phase,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Reason);
