using Microsoft.Extensions.Logging;

namespace Fleet.Grains.Nodes;

internal sealed partial class NodeGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} registered at {Address} with {CpuMillis}m CPU and {MemoryBytes} bytes of memory")]
    private static partial void LogRegistered(ILogger logger, string nodeId, string address, long cpuMillis, long memoryBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} is heartbeating again")]
    private static partial void LogBackUp(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reserved workload {WorkloadId} on node {NodeId}")]
    private static partial void LogReserved(ILogger logger, string workloadId, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} rejected workload {WorkloadId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string workloadId, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released workload {WorkloadId} from node {NodeId}")]
    private static partial void LogReleased(ILogger logger, string workloadId, string nodeId);
}
