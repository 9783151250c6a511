using Orleans.Concurrency;

namespace Fleet.Grains;

/// <summary>
/// One node, keyed by its id: capacity, allocations, liveness. The authority on the node's free
/// capacity: every placement is a <see cref="Reserve"/> here, and calls are serialized, so two
/// racing placements can never overcommit it. It calls no other grain except one-way.
/// </summary>
[Alias("fleet.INodeGrain")]
public interface INodeGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task Register(NodeRegistration registration);

    /// <summary>Marks the node alive; false when the node never registered (its agent must register again).</summary>
    [Alias("Heartbeat")]
    Task<bool> Heartbeat();

    /// <summary>Reserves the workload's resources and adds it to the desired set, if the node is ready and has room. Idempotent.</summary>
    [Alias("Reserve")]
    Task<Reservation> Reserve(Assignment assignment);

    /// <summary>Frees the workload's resources and removes it from the desired set. Idempotent.</summary>
    [Alias("Release")]
    Task Release(string workloadId);

    /// <summary>The node, or null when it never registered.</summary>
    [Alias("Get")]
    Task<NodeSnapshot?> Get();

    /// <summary>The desired set, once its version differs from <paramref name="knownVersion"/> or <paramref name="maxWait"/> has passed.</summary>
    [AlwaysInterleave, Alias("WaitForAssignments")]
    Task<AssignmentSet> WaitForAssignments(long knownVersion, TimeSpan maxWait);
}
