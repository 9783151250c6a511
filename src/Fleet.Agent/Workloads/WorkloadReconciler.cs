using Fleet.Agent.Logs;
using Fleet.Agent.Rootfs;
using Fleet.Agent.Telemetry;
using Fleet.Agent.Usage;
using Fleet.Contracts.V1;
using Fleet.Jail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Workloads;

/// <summary>
/// Makes the jails on this host match the control plane's desired set, level-triggered: applying
/// the same set twice changes nothing. A workload is started at most once — once it has a record
/// here, it is only ever watched, stopped or forgotten; never started again. Running jails never
/// depend on the agent: disposing the reconciler leaves them running, and a later agent process
/// re-adopts them through <see cref="IJailRuntime.Recover"/>.
/// </summary>
internal sealed partial class WorkloadReconciler : IAsyncDisposable
{
    private readonly IJailRuntime _runtime;
    private readonly WorkloadRecordStore _store;
    private readonly WorkloadLogStore _logs;
    private readonly RootfsCatalog _rootfs;
    private readonly WorkloadChangeSignal _changes;
    private readonly AgentMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _stopGracePeriod;
    private readonly WorkloadUsageSampler? _usage;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _applyGate = new(1, 1);
    private readonly Dictionary<string, WorkloadEntry> _entries = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly CancellationToken _stopping;

    // Null until the first set arrives: before that nothing is known to be unwanted.
    private HashSet<string>? _desired;
    private long _revision;
    private bool _initialized;
    private int _disposed;

    public WorkloadReconciler(
        IJailRuntime runtime,
        WorkloadRecordStore store,
        WorkloadLogStore logs,
        RootfsCatalog rootfs,
        WorkloadChangeSignal changes,
        AgentMetrics metrics,
        IOptions<AgentOptions> options,
        TimeProvider time,
        ILogger<WorkloadReconciler> logger,
        WorkloadUsageSampler? usage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _runtime = runtime;
        _store = store;
        _logs = logs;
        _rootfs = rootfs;
        _changes = changes;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _stopGracePeriod = options.Value.StopGracePeriod;
        _usage = usage;
        _stopping = _shutdown.Token;
        metrics.ObserveRunning(CountRunning);
    }

    /// <summary>
    /// Loads the records an earlier agent process left and re-adopts their jails. A record saying
    /// starting or running whose jail is gone becomes failed. Runs once; later calls do nothing.
    /// </summary>
    public void Initialize()
    {
        var adopted = new List<(WorkloadEntry Entry, IJail Jail)>();
        lock (_gate)
        {
            if (_initialized)
            {
                return;
            }

            _initialized = true;
            var recovered = new Dictionary<string, IJail>(StringComparer.Ordinal);
            foreach (var jail in _runtime.Recover())
            {
                recovered.TryAdd(jail.Id, jail);
            }

            foreach (var record in _store.LoadAll())
            {
                var entry = new WorkloadEntry(record) { Revision = ++_revision };
                _entries[record.Id] = entry;
                if (recovered.Remove(record.Id, out var jail))
                {
                    entry.Jail = jail;
                    if (!record.IsFinished)
                    {
                        entry.StartAttempted = true;
                        if (record.State != WorkloadState.Running)
                        {
                            TransitionLocked(entry, WorkloadState.Running, null, string.Empty);
                        }

                        adopted.Add((entry, jail));
                    }
                }
                else if (record.State is WorkloadState.Starting or WorkloadState.Running)
                {
                    TransitionLocked(entry, WorkloadState.Failed, null, "its jail was gone when the agent restarted");
                }

                LogLoaded(record.Id, entry.Record.State);
            }

            // Not ours to stop: another agent on this host may own it (each has its own state directory).
            foreach (var orphan in recovered.Keys)
            {
                LogOrphan(orphan);
            }
        }

        foreach (var (entry, jail) in adopted)
        {
            Track(entry.Record, jail);
            _ = WatchExitAsync(entry, jail);
        }

        _changes.Notify();
    }

    /// <summary>
    /// Reconciles the host to <paramref name="set"/>: starts what is new, stops what is running but no
    /// longer wanted, frees the jails of finished workloads no longer wanted. Returns once every new
    /// workload is running or has failed; stops go on in the background.
    /// </summary>
    public async Task ApplyAsync(AssignmentSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        Initialize();
        await _applyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var activity = AgentTelemetry.Source.StartActivity("fleet.agent.reconcile");
            activity?.SetTag("fleet.assignments.version", set.Version);
            activity?.SetTag("fleet.assignments.count", set.Assignments.Count);
            var began = _time.GetTimestamp();

            var toStart = new List<WorkloadEntry>();
            var toStop = new List<WorkloadEntry>();
            var toDispose = new List<WorkloadEntry>();
            lock (_gate)
            {
                var desired = new HashSet<string>(StringComparer.Ordinal);
                foreach (var assignment in set.Assignments)
                {
                    if (!WorkloadId.IsValid(assignment.WorkloadId))
                    {
                        LogInvalidId(assignment.WorkloadId);
                        continue;
                    }

                    if (!desired.Add(assignment.WorkloadId))
                    {
                        continue;
                    }

                    if (!_entries.TryGetValue(assignment.WorkloadId, out var entry))
                    {
                        entry = new WorkloadEntry(WorkloadRecord.FromAssignment(assignment, _time.GetUtcNow()));
                        _entries.Add(entry.Record.Id, entry);
                        SaveLocked(entry, entry.Record);
                        toStart.Add(entry);
                    }
                    else if (entry.Record.State == WorkloadState.Pending && !entry.StartAttempted && !entry.Record.StopRequested)
                    {
                        toStart.Add(entry);
                    }
                }

                _desired = desired;
                foreach (var entry in _entries.Values)
                {
                    if (desired.Contains(entry.Record.Id))
                    {
                        continue;
                    }

                    if (!entry.Record.IsFinished)
                    {
                        if (RequestStopLocked(entry))
                        {
                            toStop.Add(entry);
                        }
                    }
                    else if (entry.Jail is not null && !entry.Disposing)
                    {
                        entry.Disposing = true;
                        toDispose.Add(entry);
                    }
                }

                PruneLocked();
            }

            foreach (var entry in toStart)
            {
                await StartAsync(entry).ConfigureAwait(false);
            }

            foreach (var entry in toStop)
            {
                BeginStop(entry);
            }

            foreach (var entry in toDispose)
            {
                await DisposeJailAsync(entry).ConfigureAwait(false);
            }

            _metrics.Reconciled(_time.GetElapsedTime(began));
            LogReconciled(set.Version, set.Assignments.Count, toStart.Count, toStop.Count);
        }
        finally
        {
            _applyGate.Release();
        }
    }

    /// <summary>The status of every workload the agent has a record for, as a heartbeat carries it.</summary>
    public IReadOnlyList<WorkloadStatusReport> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Values.Select(entry => new WorkloadStatusReport(entry.Record.ToStatus(), entry.Revision))];
        }
    }

    /// <summary>
    /// The control plane accepted a heartbeat carrying <paramref name="reports"/>. A finished workload
    /// that is no longer wanted and whose final state is now delivered is forgotten (its logs stay).
    /// </summary>
    public void MarkDelivered(IEnumerable<WorkloadStatusReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        lock (_gate)
        {
            foreach (var report in reports)
            {
                if (_entries.TryGetValue(report.Status.WorkloadId, out var entry) && entry.DeliveredRevision < report.Revision)
                {
                    entry.DeliveredRevision = report.Revision;
                }
            }

            PruneLocked();
        }
    }

    /// <summary>The workload's current record, or null when the agent has none (never assigned, or forgotten).</summary>
    public WorkloadRecord? Find(string workloadId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(workloadId, out var entry) ? entry.Record : null;
        }
    }

    /// <summary>Cancels stops under way and leaves every jail as it is. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        _shutdown.Dispose();
        _applyGate.Dispose();
    }
}
