using Fleet.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace Fleet.Agent.Workloads;

internal sealed partial class WorkloadReconciler
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded workload {WorkloadId} ({State}) from its record")]
    private partial void LogLoaded(string workloadId, WorkloadState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jail {JailId} is on this host but has no record here; leaving it alone")]
    private partial void LogOrphan(string jailId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring assignment with invalid workload id '{WorkloadId}'")]
    private partial void LogInvalidId(string workloadId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled to assignment set {Version}: {Count} assigned, {Started} started, {Stopping} stopping")]
    private partial void LogReconciled(long version, int count, int started, int stopping);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} is {State}")]
    private partial void LogTransition(string workloadId, WorkloadState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} exited with code {ExitCode}")]
    private partial void LogExited(string workloadId, int? exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload {WorkloadId} is {State} (exit code {ExitCode}): {Reason}")]
    private partial void LogEnded(string workloadId, WorkloadState state, int? exitCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workload {WorkloadId} could not be started")]
    private partial void LogStartFailed(Exception exception, string workloadId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping workload {WorkloadId} (grace period {GracePeriod})")]
    private partial void LogStopping(string workloadId, TimeSpan gracePeriod);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping jail {JailId} failed")]
    private partial void LogStopFailed(Exception exception, string jailId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Freeing jail {JailId} failed; its cgroups may be left behind")]
    private partial void LogDisposeFailed(Exception exception, string jailId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the record of workload {WorkloadId}")]
    private partial void LogSaveFailed(Exception exception, string workloadId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not delete the record of workload {WorkloadId}")]
    private partial void LogDeleteFailed(Exception exception, string workloadId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot workload {WorkloadId}: finished, delivered and no longer assigned")]
    private partial void LogForgotten(string workloadId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not measure the usage of workload {WorkloadId}")]
    private partial void LogUsageFailed(Exception exception, string workloadId);
}
