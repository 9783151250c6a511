using Microsoft.Extensions.Logging;

namespace Fleet.Grains.Workloads;

internal sealed partial class WorkloadIndexGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Workload index activated with {Count} workloads, {Pending} waiting for a node")]
    private static partial void LogActivated(ILogger logger, int count, int pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the workload index failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
