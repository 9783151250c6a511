using Microsoft.Extensions.Logging;

namespace Fleet.Jail;

public sealed partial class JailRuntime
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Jail {JailId} started: host pid {Pid} in {ElapsedMs:F1} ms")]
        public static partial void Started(ILogger logger, string jailId, int pid, double elapsedMs);

        [LoggerMessage(2, LogLevel.Information, "Jail {JailId} recovered: host pid {Pid} still running")]
        public static partial void RecoveredRunning(ILogger logger, string jailId, int pid);

        [LoggerMessage(3, LogLevel.Information, "Jail {JailId} recovered: it ended while the agent was away")]
        public static partial void RecoveredEnded(ILogger logger, string jailId);

        [LoggerMessage(4, LogLevel.Warning, "Jail {JailId} start failed; cleaning up what was created")]
        public static partial void StartFailed(ILogger logger, Exception exception, string jailId);

        [LoggerMessage(5, LogLevel.Warning, "Jail {JailId}: cleanup after a failed start failed")]
        public static partial void CleanupFailed(ILogger logger, Exception exception, string jailId);

        [LoggerMessage(6, LogLevel.Warning, "Skipping {Directory} in the jail state directory: {Reason}")]
        public static partial void RecoverSkipped(ILogger logger, string directory, string reason);
    }
}
