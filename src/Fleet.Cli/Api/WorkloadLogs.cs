using Fleet.Cli.Output;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Api;

/// <summary>Copies a workload's logs from StreamLogs into a <see cref="LogSink"/>.</summary>
internal static class WorkloadLogs
{
    /// <summary>
    /// Copies until the stream ends: at once when <paramref name="follow"/> is false, when the
    /// workload finishes when it is true.
    /// </summary>
    public static async Task CopyAsync(FleetConnection connection, string workload, bool follow, LogSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sink);
        using var call = connection.Workloads.StreamLogs(
            new StreamLogsRequest { Workload = workload, Follow = follow }, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            await sink.WriteAsync(call.ResponseStream.Current);
        }
    }
}
