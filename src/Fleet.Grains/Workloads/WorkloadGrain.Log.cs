using Microsoft.Extensions.Logging;

namespace Fleet.Grains.Workloads;

internal sealed partial class WorkloadGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} submitted as {Name}")]
    private static partial void LogSubmitted(ILogger logger, string workloadId, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} placed on node {NodeId} after {Attempts} reservations")]
    private static partial void LogPlaced(ILogger logger, string workloadId, string nodeId, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} stays pending: {Reason}")]
    private static partial void LogUnplaced(ILogger logger, string workloadId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} is {Phase} on node {NodeId}")]
    private static partial void LogPhase(ILogger logger, string workloadId, WorkloadPhase phase, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} asked to stop")]
    private static partial void LogStopRequested(ILogger logger, string workloadId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} reported workload {WorkloadId}, which does not exist")]
    private static partial void LogUnknownReport(ILogger logger, string workloadId, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} reported workload {WorkloadId}, which is placed on {PlacedOn}; ignored")]
    private static partial void LogForeignReport(ILogger logger, string workloadId, string nodeId, string? placedOn);
}
