using Fleet.Grains;

namespace Fleet.ControlPlane.Workloads;

internal sealed partial class WorkloadsService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} ({Name}) accepted: {Phase} on node {NodeId}")]
    private static partial void LogAccepted(ILogger logger, string workloadId, string name, WorkloadPhase phase, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {Name} rejected: {Violations}")]
    private static partial void LogRejected(ILogger logger, string name, string violations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {Name} rejected: the name is held by {HolderId}")]
    private static partial void LogNameTaken(ILogger logger, string name, string holderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} asked to stop; it is {Phase}")]
    private static partial void LogStopRequested(ILogger logger, string workloadId, WorkloadPhase phase);
}
