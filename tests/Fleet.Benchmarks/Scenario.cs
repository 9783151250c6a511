namespace Fleet.Benchmarks;

/// <summary>What the simulated workloads ask for besides resources and a rootfs.</summary>
public enum Scenario
{
    /// <summary>Resources, rootfs, a job (so job anti-affinity applies to replicas 2–10), a host port for one job in 20.</summary>
    Plain,

    /// <summary>Plain plus one or two node label constraints per job (=, !=, in, exists, not exists, semver).</summary>
    Constraints,

    /// <summary>Constraints plus a topology spread of each job over zones (max skew 1; hard for half the jobs, soft for the rest) and a soft affinity for one job in five.</summary>
    Spread,
}
