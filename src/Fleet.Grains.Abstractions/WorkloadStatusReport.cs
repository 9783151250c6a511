using System.Collections.Immutable;

namespace Fleet.Grains;

/// <summary>What a node's agent says about one workload in a heartbeat.</summary>
/// <param name="FinalUsage">Sent with a final state: what the workload used in all.</param>
/// <param name="Earlier">The states it went through on the node before <paramref name="Phase"/>, oldest first: one that passes through several between two heartbeats still shows each.</param>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadStatusReport")]
public sealed record WorkloadStatusReport(
    [property: Id(0)] string NodeId,
    [property: Id(1)] WorkloadPhase Phase,
    [property: Id(2)] int? ExitCode,
    [property: Id(3)] string Reason,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] ImmutableArray<StateChange> Earlier = default,
    [property: Id(6)] WorkloadFinalUsage? FinalUsage = null);
