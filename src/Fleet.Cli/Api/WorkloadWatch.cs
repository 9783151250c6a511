using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.Cli.Api;

/// <summary>
/// Follows one workload's state through WatchWorkloadEvents. The stream starts with the current
/// state, so nothing is missed between submitting and watching; if the server ends the stream
/// early, the watch is reopened (and so picks up from the state as recorded then).
/// </summary>
internal sealed class WorkloadWatch : IDisposable
{
    private static readonly TimeSpan ReopenDelay = TimeSpan.FromMilliseconds(500);

    private readonly FleetConnection _connection;
    private readonly string _workload;
    private readonly TimeProvider _time;
    private AsyncServerStreamingCall<WorkloadEvent>? _call;

    // The workload as last seen, so that a second wait starts from where the first one stopped.
    private Workload? _latest;

    public WorkloadWatch(FleetConnection connection, string workload, TimeProvider time)
    {
        _connection = connection;
        _workload = workload;
        _time = time;
    }

    /// <summary>Called with every state the watch sees, in order.</summary>
    public event Action<Workload>? Observed;

    /// <summary>True once the workload will not change state again.</summary>
    public static bool IsFinal(WorkloadState state) =>
        state is WorkloadState.Exited or WorkloadState.Failed or WorkloadState.Stopped;

    /// <summary>Waits until the workload, as recorded, satisfies <paramref name="reached"/>, and returns it.</summary>
    public async Task<Workload> UntilAsync(Func<Workload, bool> reached, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reached);
        while (_latest is null || !reached(_latest))
        {
            _latest = await NextAsync(cancellationToken);
            Observed?.Invoke(_latest);
        }

        return _latest;
    }

    /// <summary>Waits until the workload has exited, failed or stopped.</summary>
    public Task<Workload> UntilFinalAsync(CancellationToken cancellationToken) =>
        UntilAsync(w => IsFinal(w.State), cancellationToken);

    public void Dispose() => _call?.Dispose();

    private async Task<Workload> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_call is null)
            {
                _call = _connection.Workloads.WatchWorkloadEvents(
                    new WatchWorkloadEventsRequest { Workload = _workload }, cancellationToken: cancellationToken);
            }
            else if (!await _call.ResponseStream.MoveNext(cancellationToken))
            {
                _call.Dispose();
                _call = null;
                await Task.Delay(ReopenDelay, _time, cancellationToken);
            }
            else
            {
                var change = _call.ResponseStream.Current;
                return change.Workload ?? await _connection.Workloads.GetWorkloadAsync(
                    new GetWorkloadRequest { Workload = change.WorkloadId.Length > 0 ? change.WorkloadId : _workload },
                    deadline: FleetConnection.Deadline(), cancellationToken: cancellationToken);
            }
        }
    }
}
