using System.Collections.Immutable;
using Fleet.Domain;

namespace Fleet.Scheduling;

/// <summary>What a workload needs from a node, and where it would rather be.</summary>
/// <param name="Resources">The CPU and memory it reserves.</param>
/// <param name="Rootfs">The root file system it runs on; the node must offer it. Empty: any node.</param>
public sealed record PlacementRequest(ResourceRequest Resources, string Rootfs)
{
    /// <summary>The priority of a workload that states none (Nomad's default).</summary>
    public const int DefaultPriority = 50;

    /// <summary>The workload's id; names it in preemption reasons and seeds its candidate walk.</summary>
    public string? WorkloadId { get; init; }

    /// <summary>The job it is a replica of, if any; replicas of one job are spread apart (job anti-affinity).</summary>
    public string? JobId { get; init; }

    /// <summary>Which replica of <see cref="JobId"/> this is.</summary>
    public int? Replica { get; init; }

    /// <summary>Process ids it reserves (its pids limit); 0 reserves none.</summary>
    public long Pids { get; init; }

    /// <summary>Host ports it needs; a node where any is in use cannot take it.</summary>
    public ImmutableArray<int> HostPorts { get; init; } = [];

    /// <summary>Its own labels, matched against selectors (a topology spread counts the workload itself when they match).</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Hard rules on node labels; every one must hold.</summary>
    public ImmutableArray<LabelConstraint> Constraints { get; init; } = [];

    /// <summary>Spreads over a node label (zone, rack…) with a maximum skew.</summary>
    public ImmutableArray<TopologySpread> Spreads { get; init; } = [];

    /// <summary>Affinities and anti-affinities to workloads already placed, hard or soft.</summary>
    public ImmutableArray<WorkloadAffinity> Affinities { get; init; } = [];

    /// <summary>Higher wins; a workload may preempt workloads of strictly lower priority. Default 50.</summary>
    public int Priority { get; init; } = DefaultPriority;

    /// <summary>Everything it reserves on a node.</summary>
    public ResourceVector Demand => new(Resources.CpuMillis, Resources.MemoryBytes, Pids);

    /// <summary>How reasons name it: its id, else "job[replica]", else "a workload".</summary>
    public string DisplayName =>
        WorkloadId ?? (JobId is null ? "a workload" : Replica is { } replica ? $"{JobId}[{replica}]" : JobId);

    /// <summary>The workload as it will sit on its node once placed, for <see cref="ClusterSnapshot.Place"/>.</summary>
    public PlacedWorkload ToPlacedWorkload(string workloadId) => new(workloadId)
    {
        JobId = JobId,
        Labels = Labels,
        Priority = Priority,
        Resources = Demand,
        HostPorts = HostPorts.IsDefault ? [] : HostPorts,
    };
}
