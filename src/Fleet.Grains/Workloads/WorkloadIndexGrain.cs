using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;

namespace Fleet.Grains.Workloads;

/// <summary>
/// The cluster's index of workloads: unique names, listing, the pending set, and the event ring
/// for watchers. It is one activation that every submission passes through, so it is reentrant
/// (each method changes memory without awaiting in between, then awaits at most a write) and its
/// writes are coalesced: name claims wait for a durable write that many claims share, publications
/// do not wait at all. It calls workload grains only one-way, so they may call it freely.
/// </summary>
[Reentrant]
internal sealed partial class WorkloadIndexGrain(
    [FromKeyedServices(FleetStorage.Name)] IGrainStorage storage,
    IOptions<FleetGrainOptions> options,
    FleetMetrics metrics,
    [FromKeyedServices(FleetClock.Key)] TimeProvider clock,
    ILogger<WorkloadIndexGrain> logger) : Grain, IWorkloadIndexGrain
{
    private const int RingCapacity = 4096;
    private const int MaxEventsPerBatch = 1024;
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    /// <summary>Rows the entries are spread over: a change rewrites about 1/256 of the index.</summary>
    private const int StorageBuckets = 256;

    /// <summary>Long polls end before Orleans' 30 s response timeout would fail them.</summary>
    private static readonly TimeSpan MaxEventWait = TimeSpan.FromSeconds(25);

    private readonly Dictionary<string, WorkloadIndexEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly SortedSet<WorkloadIndexEntry> _newestFirst = new(NewestFirst.Instance);
    private readonly HashSet<string> _unplaced = new(StringComparer.Ordinal);
    private readonly WorkloadEventRing _events = new(RingCapacity);
    private TaskCompletionSource _eventAdded = NewSignal();
    private BucketedEntries<WorkloadIndexEntry>? _stored;
    private WriteCoalescer? _writes;
    private IGrainTimer? _retryTimer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = new BucketedEntries<WorkloadIndexEntry>(storage, this.GetGrainId(), "workloads", StorageBuckets);
        _stored = stored;
        _writes = new WriteCoalescer(stored.FlushAsync, OnWriteFailed);
        foreach (var entry in await stored.LoadAsync())
        {
            // Names are never released, and each entry carries its name: the name table is derived.
            _entries[entry.Id] = entry;
            _names.TryAdd(entry.Name, entry.Id);
            _newestFirst.Add(entry);
            if (entry.Unplaced)
            {
                _unplaced.Add(entry.Id);
            }
        }

        PendingChanged();
        LogActivated(logger, _entries.Count, _unplaced.Count);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _retryTimer?.Dispose();
        metrics.SetPending(0);
        if (_writes is { Busy: true })
        {
            await _writes.Request();
        }
    }

    public async Task<string> ClaimName(string name, string workloadId)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(workloadId);
        if (_names.TryGetValue(name, out var holder) && holder != workloadId)
        {
            return holder;
        }

        _names[name] = workloadId;
        if (!_entries.ContainsKey(workloadId))
        {
            // Listed from the start; its first publication brings the grain's own creation time.
            Put(new WorkloadIndexEntry(workloadId, name, WorkloadPhase.Pending, clock.GetUtcNow(), Unplaced: false, Version: 0));
        }

        // The claim must survive a crash before the workload relies on it.
        await Writes.Request();
        return workloadId;
    }

    public Task<string?> Resolve(string idOrName)
    {
        if (string.IsNullOrEmpty(idOrName))
        {
            return Task.FromResult<string?>(null);
        }

        if (_entries.ContainsKey(idOrName))
        {
            return Task.FromResult<string?>(idOrName);
        }

        return Task.FromResult(_names.TryGetValue(idOrName, out var id) ? id : null);
    }

    public Task Publish(WorkloadSnapshot workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (_entries.TryGetValue(workload.Id, out var known) && known.Version >= workload.Version)
        {
            // One-way messages may arrive late or twice; the newest version wins.
            return Task.CompletedTask;
        }

        _names.TryAdd(workload.Spec.Name, workload.Id);
        var unplaced = workload.Phase == WorkloadPhase.Pending && workload.NodeId is null;
        Put(new WorkloadIndexEntry(workload.Id, workload.Spec.Name, workload.Phase, workload.CreatedAt, unplaced, workload.Version));

        _events.Add(workload);
        var waiters = _eventAdded;
        _eventAdded = NewSignal();
        waiters.SetResult();

        _ = Writes.Request();
        return Task.CompletedTask;
    }

    public Task<WorkloadPage> List(int pageSize, string? pageToken)
    {
        var size = pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
        IEnumerable<WorkloadIndexEntry> entries = _newestFirst;
        if (!string.IsNullOrEmpty(pageToken))
        {
            var after = PageToken.Parse(pageToken);
            entries = _newestFirst.Count == 0 || NewestFirst.Instance.Compare(after, _newestFirst.Max) >= 0
                ? []
                : _newestFirst.GetViewBetween(after, _newestFirst.Max!).Where(e => NewestFirst.Instance.Compare(e, after) != 0);
        }

        var page = entries.Take(size + 1).ToList();
        var next = page.Count > size ? PageToken.Format(page[size - 1]) : null;
        var ids = page.Take(size).Select(e => e.Id).ToImmutableArray();
        return Task.FromResult(new WorkloadPage(ids, next));
    }

    public async Task<WorkloadEventBatch> WaitForEvents(long afterSequence, TimeSpan maxWait)
    {
        if (afterSequence < 0)
        {
            // "From now on": a cursor without events.
            return new WorkloadEventBatch([], _events.LastSequence, Gap: false);
        }

        if (afterSequence == _events.LastSequence && maxWait > TimeSpan.Zero)
        {
            var wait = maxWait < MaxEventWait ? maxWait : MaxEventWait;
            using var timeout = new CancellationTokenSource();
            var added = _eventAdded.Task;
            if (await Task.WhenAny(added, Task.Delay(wait, clock, timeout.Token)) == added)
            {
                await timeout.CancelAsync();
            }
        }

        if (_events.HasGap(afterSequence))
        {
            return new WorkloadEventBatch([], _events.LastSequence, Gap: true);
        }

        var events = _events.After(afterSequence, MaxEventsPerBatch);
        var last = events.IsEmpty ? afterSequence : events[^1].Sequence;
        return new WorkloadEventBatch(events, last, Gap: false);
    }

    public Task<ImmutableArray<string>> Pending()
    {
        var pending = _unplaced
            .Select(id => _entries[id])
            .OrderBy(e => e.CreatedAt)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => e.Id)
            .ToImmutableArray();
        return Task.FromResult(pending);
    }

    public Task RetryPending()
    {
        foreach (var id in _unplaced)
        {
            GrainFactory.GetGrain<IWorkloadGrain>(id).Place().Ignore();
        }

        return Task.CompletedTask;
    }

    private WriteCoalescer Writes => _writes ?? throw new InvalidOperationException("The workload index is not active.");

    private void Put(WorkloadIndexEntry entry)
    {
        if (_entries.TryGetValue(entry.Id, out var old))
        {
            _newestFirst.Remove(old);
        }

        _entries[entry.Id] = entry;
        _stored!.Set(entry.Id, entry);
        _newestFirst.Add(entry);
        var changed = entry.Unplaced ? _unplaced.Add(entry.Id) : _unplaced.Remove(entry.Id);
        if (changed)
        {
            PendingChanged();
        }
    }

    /// <summary>Runs the retry timer exactly while some workload waits for a node.</summary>
    private void PendingChanged()
    {
        metrics.SetPending(_unplaced.Count);
        if (_unplaced.Count > 0 && _retryTimer is null)
        {
            var interval = options.Value.PendingRetryInterval;
            _retryTimer = this.RegisterGrainTimer(
                _ => RetryPending(),
                new GrainTimerCreationOptions { DueTime = interval, Period = interval, Interleave = true, KeepAlive = true });
        }
        else if (_unplaced.Count == 0 && _retryTimer is not null)
        {
            _retryTimer.Dispose();
            _retryTimer = null;
        }
    }

    private void OnWriteFailed(Exception exception)
    {
        LogWriteFailed(logger, exception);
        if (exception is InconsistentStateException)
        {
            // Another activation wrote the index: this one is stale and must reload.
            DeactivateOnIdle();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
