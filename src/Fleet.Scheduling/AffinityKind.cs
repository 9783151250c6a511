namespace Fleet.Scheduling;

/// <summary>What a <see cref="WorkloadAffinity"/> asks for: hard kinds filter nodes, soft kinds score them.</summary>
public enum AffinityKind
{
    /// <summary>Hard: only nodes (or domains) already running a matching workload.</summary>
    Require,

    /// <summary>Hard: never a node (or domain) running a matching workload.</summary>
    Forbid,

    /// <summary>Soft: rather a node (or domain) running a matching workload.</summary>
    Prefer,

    /// <summary>Soft: rather not a node (or domain) running a matching workload.</summary>
    Avoid,
}
