namespace Fleet.Grains.Workloads;

/// <summary>The order of a workload's phases: reports may only move it forward.</summary>
internal static class WorkloadPhases
{
    public static bool IsTerminal(this WorkloadPhase phase) =>
        phase is WorkloadPhase.Exited or WorkloadPhase.Failed or WorkloadPhase.Stopped;

    /// <summary>True when <paramref name="next"/> comes after <paramref name="current"/>; a repeat is not a step.</summary>
    public static bool IsForward(WorkloadPhase current, WorkloadPhase next) => Rank(next) > Rank(current);

    private static int Rank(WorkloadPhase phase) => phase switch
    {
        WorkloadPhase.Pending => 0,
        WorkloadPhase.Starting => 1,
        WorkloadPhase.Running => 2,
        _ => 3,
    };
}
