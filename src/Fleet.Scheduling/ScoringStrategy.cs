namespace Fleet.Scheduling;

/// <summary>How the resource-fit score ranks nodes that can all take a workload.</summary>
public enum ScoringStrategy
{
    /// <summary>Best fit: the fullest node that fits wins, keeping whole nodes free for big workloads (Borg, Nomad's default).</summary>
    BinPack,

    /// <summary>Worst fit: the least loaded node wins, spreading load and blast radius.</summary>
    Spread,
}
