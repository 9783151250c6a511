using Fleet.Contracts.V1;

namespace Fleet.Cli.Output;

/// <summary>States as the tables print them: the enum name without its prefix, lower case ("running", "ready").</summary>
internal static class StateText
{
    public static string Of(WorkloadState state) => state switch
    {
        WorkloadState.Pending => "pending",
        WorkloadState.Starting => "starting",
        WorkloadState.Running => "running",
        WorkloadState.Exited => "exited",
        WorkloadState.Failed => "failed",
        WorkloadState.Stopped => "stopped",
        _ => "unknown",
    };

    public static string Of(NodeState state) => state switch
    {
        NodeState.Ready => "ready",
        NodeState.Down => "down",
        _ => "unknown",
    };
}
