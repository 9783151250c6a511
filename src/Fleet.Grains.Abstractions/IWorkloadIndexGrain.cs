using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Fleet.Grains;

/// <summary>
/// The cluster's index of workloads (one activation, key <see cref="Key"/>): unique names, listing,
/// the pending set, and a short in-memory ring of state-change events for watchers. It never calls
/// a workload grain except one-way, so workload grains may call it without a deadlock.
/// </summary>
[Alias("fleet.IWorkloadIndexGrain")]
public interface IWorkloadIndexGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Claims <paramref name="name"/> for the workload; returns the id that holds it (the caller's id on success).</summary>
    [Alias("ClaimName")]
    Task<string> ClaimName(string name, string workloadId);

    /// <summary>The id of the workload with this id or name, or null.</summary>
    [Alias("Resolve")]
    Task<string?> Resolve(string idOrName);

    /// <summary>Records the workload's latest state, and an event for watchers.</summary>
    [OneWay, Alias("Publish")]
    Task Publish(WorkloadSnapshot workload);

    [Alias("List")]
    Task<WorkloadPage> List(int pageSize, string? pageToken);

    /// <summary>Events after <paramref name="afterSequence"/>; waits up to <paramref name="maxWait"/> for the first one.</summary>
    [AlwaysInterleave, Alias("WaitForEvents")]
    Task<WorkloadEventBatch> WaitForEvents(long afterSequence, TimeSpan maxWait);

    /// <summary>The ids of workloads waiting for a node.</summary>
    [Alias("Pending")]
    Task<ImmutableArray<string>> Pending();

    /// <summary>Asks every pending workload to try placement again (capacity may have appeared).</summary>
    [OneWay, Alias("RetryPending")]
    Task RetryPending();
}
