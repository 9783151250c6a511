using System.Collections.Immutable;

namespace Fleet.Scheduling;

/// <summary>
/// One node as a placer sees it in a <see cref="ClusterSnapshot"/>. Immutable; the view may lag
/// the node's own grain, which has the last word when a placement reserves on it.
/// </summary>
/// <param name="Id">The node's name; nodes are ordered by it (ordinal) wherever order matters.</param>
public sealed record ClusterNode(string Id)
{
    /// <summary>Heard from within the heartbeat timeout. Nothing is placed on a node that is not. Default true.</summary>
    public bool Ready { get; init; } = true;

    /// <summary>An operator asked that nothing new be placed here; what runs stays. Default false.</summary>
    public bool Cordoned { get; init; }

    /// <summary>Labels and detected attributes (zone, kernel, arch…) matched by constraints and topology spreads.</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>What the node offers in total. A pids capacity of 0 means pids are not accounted for.</summary>
    public ResourceVector Capacity { get; init; }

    /// <summary>What the workloads placed on it reserve, in total (may exceed <see cref="Workloads"/> when some are unknown to the view).</summary>
    public ResourceVector Allocated { get; init; }

    /// <summary>Host ports in use on the node, by its workloads or anything else.</summary>
    public ImmutableArray<int> HostPorts { get; init; } = [];

    /// <summary>The root file systems workloads can run on here.</summary>
    public ImmutableArray<string> Rootfs { get; init; } = [];

    /// <summary>The workloads placed on the node, with their labels and priorities.</summary>
    public ImmutableArray<PlacedWorkload> Workloads { get; init; } = [];

    /// <summary>What is left for new workloads; negative parts mean the node is overcommitted.</summary>
    public ResourceVector Free => Capacity - Allocated;

    /// <summary>This node with <paramref name="workload"/> added: its resources allocated and its ports held.</summary>
    public ClusterNode WithWorkload(PlacedWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return this with
        {
            Allocated = Allocated + workload.Resources,
            HostPorts = workload.HostPorts.IsDefaultOrEmpty ? HostPorts : OrEmpty(HostPorts).AddRange(workload.HostPorts),
            Workloads = OrEmpty(Workloads).Add(workload),
        };
    }

    /// <summary>This node without the workload <paramref name="workloadId"/>; the same node when it does not run it.</summary>
    public ClusterNode WithoutWorkload(string workloadId)
    {
        var workloads = OrEmpty(Workloads);
        for (var i = 0; i < workloads.Length; i++)
        {
            var workload = workloads[i];
            if (!string.Equals(workload.Id, workloadId, StringComparison.Ordinal))
            {
                continue;
            }

            var ports = OrEmpty(HostPorts);
            foreach (var port in OrEmpty(workload.HostPorts))
            {
                ports = ports.Remove(port);
            }

            return this with { Allocated = Allocated - workload.Resources, HostPorts = ports, Workloads = workloads.RemoveAt(i) };
        }

        return this;
    }

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
