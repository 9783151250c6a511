namespace Fleet.Scheduling;

/// <summary>The feasibility filters, in the order they are applied; a rejected node is reported under the first that fails.</summary>
public enum PlacementFilter
{
    /// <summary>Not ready: not heard from within the heartbeat timeout.</summary>
    Down,

    /// <summary>Cordoned by an operator.</summary>
    Cordoned,

    /// <summary>A label constraint of the request does not hold.</summary>
    Constraint,

    /// <summary>The node does not offer the request's rootfs.</summary>
    Rootfs,

    /// <summary>Not enough free CPU, memory or pids.</summary>
    Resources,

    /// <summary>A requested host port is in use.</summary>
    HostPort,

    /// <summary>A hard affinity (require) or anti-affinity (forbid) to other workloads does not hold.</summary>
    Affinity,

    /// <summary>A hard topology spread would exceed its max skew, or the node lacks the topology label.</summary>
    TopologySpread,
}
