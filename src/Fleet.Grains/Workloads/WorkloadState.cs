namespace Fleet.Grains.Workloads;

/// <summary>What a workload grain stores.</summary>
[GenerateSerializer, Alias("fleet.WorkloadState")]
internal sealed class WorkloadState
{
    /// <summary>Null until the workload is submitted.</summary>
    [Id(0)]
    public WorkloadSnapshot? Workload { get; set; }

    /// <summary>The user asked for it to stop; it is no longer in any node's desired set.</summary>
    [Id(1)]
    public bool DesiredStopped { get; set; }
}
