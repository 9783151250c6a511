using Fleet.Agent.Rootfs;
using Fleet.Agent.Usage;
using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Connection;

/// <summary>
/// The agent's side of the control-plane conversation: register, watch the desired set and
/// reconcile to each one, heartbeat. On any break — stream error, or a heartbeat the control
/// plane answers with known = false — it backs off, registers again and watches again; the first
/// set after each (re)connect is the full desired set, so nothing is lost while away. Workloads
/// keep running all the while: nothing here stops a jail when the control plane is gone.
/// </summary>
internal sealed partial class ControlPlaneConnection(
    AgentControl.AgentControlClient client,
    WorkloadReconciler reconciler,
    WorkloadChangeSignal changes,
    RootfsCatalog rootfs,
    NodeDescription node,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<ControlPlaneConnection> logger,
    WorkloadUsageSampler? usage = null) : BackgroundService
{
    /// <summary>How long to let a burst of state changes gather before the heartbeat that reports them.</summary>
    internal static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _heartbeatInterval = options.Value.HeartbeatInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Recovery and the rootfs build touch the disk: let the host finish starting first.
        await Task.Yield();
        await rootfs.EnsureBuiltAsync(stoppingToken).ConfigureAwait(false);
        reconciler.Initialize();

        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RegisterAsync(backoff, stoppingToken).ConfigureAwait(false);
                await RunSessionAsync(backoff, stoppingToken).ConfigureAwait(false);
                LogStreamEnded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NodeUnknownException)
            {
                LogNodeUnknown(node.NodeId);
            }
            catch (RpcException ex)
            {
                LogSessionLost(ex.StatusCode, ex.Status.Detail);
            }
            catch (Exception ex)
            {
                // Whatever broke the session, the agent must keep trying: its workloads depend on it for reporting only.
                LogSessionFailed(ex);
            }

            await Task.Delay(backoff.Next(), time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Registers, retrying with back-off until the control plane answers.</summary>
    private async Task RegisterAsync(Backoff backoff, CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            var request = new RegisterRequest
            {
                NodeId = node.NodeId,
                Address = node.Address,
                Capacity = node.Capacity,
                RootfsNames = { rootfs.Names() },
            };
            try
            {
                await client.RegisterAsync(request, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
                LogRegistered(node.NodeId, node.Address, node.Capacity.CpuMillis, node.Capacity.MemoryBytes);
                return;
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                attempt++;
                LogRegisterFailed(attempt, ex.StatusCode, ex.Status.Detail);
            }

            await Task.Delay(backoff.Next(), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Watches and heartbeats until either breaks; rethrows what broke it.</summary>
    private async Task RunSessionAsync(Backoff backoff, CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = client.WatchAssignments(new WatchAssignmentsRequest { NodeId = node.NodeId }, cancellationToken: session.Token);

        var watch = WatchAsync(call.ResponseStream, backoff, session.Token);
        var heartbeats = HeartbeatAsync(session.Token);
        var first = await Task.WhenAny(watch, heartbeats).ConfigureAwait(false);

        await session.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(watch, heartbeats).ConfigureAwait(false);
        }
        catch (Exception) when (session.IsCancellationRequested)
        {
            // The other half ended because the session was cancelled; what matters is why the first one ended.
        }

        await first.ConfigureAwait(false);
    }

    private async Task WatchAsync(IAsyncStreamReader<AssignmentSet> stream, Backoff backoff, CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var set = stream.Current;
            LogAssignments(set.Version, set.Assignments.Count);
            await reconciler.ApplyAsync(set, cancellationToken).ConfigureAwait(false);

            // A set arrived, so the control plane is back: the next break starts over from a short delay.
            backoff.Reset();
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            changes.Consume();
            var reports = reconciler.Snapshot();
            var request = new HeartbeatRequest { NodeId = node.NodeId };
            request.Workloads.AddRange(reports.Select(report => report.Status));
            if (usage is not null)
            {
                // The latest sample of each running workload; the final accounting rides on the final status.
                request.Usage.AddRange(usage.Latest());
                request.NodeUsage = usage.Node();
            }
            try
            {
                var response = await client.HeartbeatAsync(request, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!response.Known)
                {
                    throw new NodeUnknownException();
                }

                reconciler.MarkDelivered(reports);
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A lost heartbeat is retried on the next tick; a dead control plane also breaks the watch stream.
                LogHeartbeatFailed(ex.StatusCode, ex.Status.Detail);
            }

            if (await WaitForChangeAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(CoalesceWindow, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when a workload changed state, false when the heartbeat interval passed first.</summary>
    private async Task<bool> WaitForChangeAsync(CancellationToken cancellationToken)
    {
        using var interval = new CancellationTokenSource(_heartbeatInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interval.Token);
        try
        {
            await changes.WaitAsync(either.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private DateTime Deadline() => time.GetUtcNow().UtcDateTime + CallTimeout;

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered node {NodeId} at {Address} with {CpuMillis}m CPU and {MemoryBytes} bytes of memory")]
    private partial void LogRegistered(string nodeId, string address, long cpuMillis, long memoryBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering with the control plane failed (attempt {Attempt}): {StatusCode} {Detail}")]
    private partial void LogRegisterFailed(int attempt, StatusCode statusCode, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Assignment set {Version} with {Count} assignments")]
    private partial void LogAssignments(long version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed: {StatusCode} {Detail}")]
    private partial void LogHeartbeatFailed(StatusCode statusCode, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The control plane does not know node {NodeId}; registering again")]
    private partial void LogNodeUnknown(string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the control plane: {StatusCode} {Detail}; reconnecting")]
    private partial void LogSessionLost(StatusCode statusCode, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The control plane ended the assignment stream; reconnecting")]
    private partial void LogStreamEnded();

    [LoggerMessage(Level = LogLevel.Error, Message = "The connection to the control plane failed; reconnecting")]
    private partial void LogSessionFailed(Exception exception);
}
