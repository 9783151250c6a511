using Fleet.Grains;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Workloads;

/// <summary>Grain phases to and from the public API's states.</summary>
internal static class WorkloadStateMapping
{
    public static Proto.WorkloadState ToProto(this WorkloadPhase phase) => phase switch
    {
        WorkloadPhase.Pending => Proto.WorkloadState.Pending,
        WorkloadPhase.Starting => Proto.WorkloadState.Starting,
        WorkloadPhase.Running => Proto.WorkloadState.Running,
        WorkloadPhase.Exited => Proto.WorkloadState.Exited,
        WorkloadPhase.Failed => Proto.WorkloadState.Failed,
        WorkloadPhase.Stopped => Proto.WorkloadState.Stopped,
        _ => Proto.WorkloadState.Unspecified,
    };

    /// <summary>The phase, or null for <c>WORKLOAD_STATE_UNSPECIFIED</c> and values this build does not know.</summary>
    public static WorkloadPhase? ToPhase(this Proto.WorkloadState state) => state switch
    {
        Proto.WorkloadState.Pending => WorkloadPhase.Pending,
        Proto.WorkloadState.Starting => WorkloadPhase.Starting,
        Proto.WorkloadState.Running => WorkloadPhase.Running,
        Proto.WorkloadState.Exited => WorkloadPhase.Exited,
        Proto.WorkloadState.Failed => WorkloadPhase.Failed,
        Proto.WorkloadState.Stopped => WorkloadPhase.Stopped,
        _ => null,
    };
}
