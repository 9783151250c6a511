using System.Globalization;

namespace Fleet.Scheduling;

/// <summary>
/// A feasible node's score and the parts it is the mean of. Every part lies in [-1, 1]; parts that
/// do not apply to the request are null and not counted.
/// </summary>
/// <param name="NodeId">The node.</param>
/// <param name="Score">The mean of the parts that apply; higher is better.</param>
public sealed record NodeScore(string NodeId, double Score)
{
    /// <summary>Resource fit after placement: 1 for a node left full (bin-pack) or empty (spread), 0 for the opposite.</summary>
    public double Fit { get; init; }

    /// <summary>Soft topology spreads: 1 in the emptiest domain, 0 at max skew above it, negative beyond.</summary>
    public double? TopologySpread { get; init; }

    /// <summary>Soft affinities: the weighted share of preferred workloads present minus avoided ones present.</summary>
    public double? Affinity { get; init; }

    /// <summary>Replicas of the same job already on the node: -n/(n+1).</summary>
    public double? JobAntiAffinity { get; init; }

    /// <summary>True when this node can take the workload only after preempting others.</summary>
    public bool RequiresPreemption { get; init; }

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{NodeId} {Score:0.###} (fit {Fit:0.###}");
        if (TopologySpread is { } spread)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", spread {spread:0.###}");
        }

        if (Affinity is { } affinity)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", affinity {affinity:0.###}");
        }

        if (JobAntiAffinity is { } job)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", job anti-affinity {job:0.###}");
        }

        return text + (RequiresPreemption ? ", after preemption)" : ")");
    }
}
