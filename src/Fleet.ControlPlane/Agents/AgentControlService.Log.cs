using System.Collections.Immutable;

namespace Fleet.ControlPlane.Agents;

internal sealed partial class AgentControlService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} registered at {Address}: {CpuMillis} millicores, {MemoryBytes} bytes, rootfs {RootfsNames}")]
    private static partial void LogRegistered(ILogger logger, string nodeId, string address, long cpuMillis, long memoryBytes, ImmutableArray<string> rootfsNames);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat from unknown node {NodeId}: told to register again")]
    private static partial void LogUnknownNode(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {NodeId} is watching its assignments")]
    private static partial void LogWatching(ILogger logger, string nodeId);
}
