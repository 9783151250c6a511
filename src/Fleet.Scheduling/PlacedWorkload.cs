using System.Collections.Immutable;

namespace Fleet.Scheduling;

/// <summary>
/// A workload already placed on a node, as the scheduler needs to see it: what it holds (for fit
/// and preemption), its labels (for affinity and topology spread) and its priority (for preemption).
/// </summary>
/// <param name="Id">The workload's id.</param>
public sealed record PlacedWorkload(string Id)
{
    /// <summary>The job it is a replica of, if any; replicas of one job are spread apart (job anti-affinity).</summary>
    public string? JobId { get; init; }

    /// <summary>Its labels, matched by other workloads' affinities and topology spreads.</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Higher wins: only workloads of strictly lower priority can be preempted for another. Default 50.</summary>
    public int Priority { get; init; } = PlacementRequest.DefaultPriority;

    /// <summary>What it reserves on its node.</summary>
    public ResourceVector Resources { get; init; }

    /// <summary>Host ports it holds on its node.</summary>
    public ImmutableArray<int> HostPorts { get; init; } = [];
}
