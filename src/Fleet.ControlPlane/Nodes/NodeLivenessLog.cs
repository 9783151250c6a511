using Fleet.Grains;

namespace Fleet.ControlPlane.Nodes;

/// <summary>
/// Logs when a node goes down (missed its heartbeats) or comes back, by comparing the node
/// index's view every <see cref="Interval"/>. Liveness itself is the node grains' business;
/// this only makes it visible in the control plane's log.
/// </summary>
internal sealed partial class NodeLivenessLog(
    IGrainFactory grains, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<NodeLivenessLog> logger) : BackgroundService
{
    /// <summary>How often the view is compared: well under the default heartbeat timeout of 10 s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, bool> readiness = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need a started silo: wait for the host to finish starting.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                Compare(await grains.GetGrain<INodeIndexGrain>(INodeIndexGrain.Key).List());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogListFailed(logger, exception);
            }
        }
    }

    private void Compare(IEnumerable<NodeSnapshot> nodes)
    {
        foreach (var node in nodes)
        {
            var known = readiness.TryGetValue(node.Id, out var wasReady);
            readiness[node.Id] = node.Ready;
            if (known && wasReady && !node.Ready)
            {
                LogNodeDown(logger, node.Id, node.Address, node.LastHeartbeat, node.WorkloadCount);
            }
            else if ((!known || !wasReady) && node.Ready)
            {
                LogNodeReady(logger, node.Id, node.Address);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} at {Address} is down: last heartbeat {LastHeartbeat}; {WorkloadCount} workloads placed on it")]
    private static partial void LogNodeDown(ILogger logger, string nodeId, string address, DateTimeOffset? lastHeartbeat, int workloadCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} at {Address} is ready")]
    private static partial void LogNodeReady(ILogger logger, string nodeId, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the node index to follow node liveness")]
    private static partial void LogListFailed(ILogger logger, Exception exception);
}
