namespace Fleet.Grains;

/// <summary>Where a workload is in its life: pending → starting → running → exited | failed | stopped.</summary>
[GenerateSerializer, Alias("fleet.WorkloadPhase")]
public enum WorkloadPhase
{
    Pending = 1,
    Starting = 2,
    Running = 3,
    Exited = 4,
    Failed = 5,
    Stopped = 6,
}
