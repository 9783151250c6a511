using Orleans.Concurrency;

namespace Fleet.Grains;

/// <summary>One workload, keyed by its id: spec, desired and observed state, placement and history.</summary>
[Alias("fleet.IWorkloadGrain")]
public interface IWorkloadGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the workload (claiming its name in the <see cref="IWorkloadIndexGrain"/>) and tries
    /// to place it. Idempotent for the same spec. Nothing is stored when the name is taken.
    /// </summary>
    [Alias("Submit")]
    Task<SubmitOutcome> Submit(WorkloadSpec spec);

    /// <summary>The workload, or null when no workload has this id.</summary>
    [Alias("Get")]
    Task<WorkloadSnapshot?> Get();

    /// <summary>Asks for the workload to stop: a pending one stops at once, a placed one when its node has stopped it.</summary>
    [Alias("Stop")]
    Task<WorkloadSnapshot?> Stop();

    /// <summary>A state its node's agent reports. Repeated and stale reports are ignored.</summary>
    [Alias("Report")]
    Task Report(WorkloadStatusReport report);

    /// <summary>Tries again to place a pending workload (capacity may have appeared).</summary>
    [OneWay, Alias("Place")]
    Task Place();
}
