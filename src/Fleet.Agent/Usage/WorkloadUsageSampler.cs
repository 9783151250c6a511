using Fleet.Agent.Connection;
using Fleet.Contracts.V1;
using Fleet.Jail;
using Fleet.Jail.Usage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Usage;

/// <summary>
/// Samples every running workload's cgroup and network counters every <c>Agent:UsageInterval</c>,
/// computes CPU rates from the deltas, keeps the latest sample and the peaks, and rolls them up
/// for the node. The reconciler tells it when a workload starts running (<see cref="Track"/>) and,
/// right after it ends and before its cgroup is removed, asks for its final accounting
/// (<see cref="Finish"/>). Everything is in memory: the heartbeat carries the latest samples.
/// </summary>
internal sealed partial class WorkloadUsageSampler : BackgroundService
{
    /// <summary>
    /// Every this many samples a workload's cgroup is read in full; in between only the frequent
    /// counters (CPU, memory usage and working set, pids), which cost fewer files. Peak memory, OOM
    /// kills, pids limit hits, I/O and pressure are so at most this many intervals old while running;
    /// the final accounting always reads everything.
    /// </summary>
    internal const int FullReadEvery = 5;

    private readonly UsageSources _sources;
    private readonly NodeDescription _node;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly string _cgroupParent;
    private readonly long _reservedCpuMillis;
    private readonly long _reservedMemoryBytes;

    // The readers reuse their buffers, so every read happens under this lock.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TrackedWorkload> _workloads = new(StringComparer.Ordinal);
    private NodeUsageState? _nodeUsage;
    private long _hostBusyNanos = -1;
    private long _hostTimestamp;

    public WorkloadUsageSampler(UsageSources sources, NodeDescription node, IOptions<AgentOptions> options, TimeProvider time, ILogger<WorkloadUsageSampler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sources = sources;
        _node = node;
        _time = time;
        _logger = logger;
        _interval = options.Value.UsageInterval;
        _cgroupParent = options.Value.CgroupParent.Trim('/');
        _reservedCpuMillis = options.Value.ReservedCpuMillis;
        _reservedMemoryBytes = options.Value.ReservedMemoryBytes;
    }

    /// <summary>Starts sampling a running workload's jail, at once (so a short-lived one has a sample to account from).</summary>
    public void Track(string workloadId, string name, IJail jail, long cpuMillis, long memoryLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(jail);
        lock (_gate)
        {
            var workload = new TrackedWorkload(workloadId, name, $"{_cgroupParent}/{workloadId}", jail.HostPid, cpuMillis, memoryLimitBytes);
            if (_workloads.Remove(workloadId, out var previous))
            {
                previous.Close();
            }

            _workloads[workloadId] = workload;
            Sample(workload, _time.GetUtcNow(), _time.GetTimestamp());
        }

        LogTracking(workloadId, jail.HostPid);
    }

    /// <summary>
    /// The workload's final accounting, read from its cgroup now (call it after the jail's end and
    /// before the jail is disposed), and stops sampling it. Null when it was never tracked or
    /// nothing of it could be read.
    /// </summary>
    public WorkloadFinalUsage? Finish(string workloadId)
    {
        lock (_gate)
        {
            if (!_workloads.Remove(workloadId, out var workload))
            {
                return null;
            }

            try
            {
                var at = _time.GetUtcNow();

                // The kept net/dev still shows the namespace the workload's processes left; else the last sample's counters.
                var network = _sources.Network.TryRead(workload.HostPid, out var final, workload.NetworkFile) ? final : workload.Network;
                var usage = workload.Scratch;
                if (_sources.Cgroups.Read(workload.CgroupPath, usage, workload.CgroupFiles))
                {
                    var peak = Math.Max(workload.PeakMemoryBytes, Math.Max(usage.MemoryPeakBytes, usage.MemoryUsageBytes));
                    return WorkloadFinalUsage.From(at, usage, peak, network);
                }

                // The cgroup is already gone (removed by someone else): the last sample is the best there is.
                LogFinalFromLastSample(workloadId);
                return workload.HasSample ? WorkloadFinalUsage.From(workload.At, workload.Current, workload.PeakMemoryBytes, network) : null;
            }
            finally
            {
                // Before the jail's cgroup is removed and so that its network namespace can go.
                workload.Close();
            }
        }
    }

    /// <summary>Stops sampling a workload without accounting for it (its jail was let go while still running).</summary>
    public void Forget(string workloadId)
    {
        lock (_gate)
        {
            if (_workloads.Remove(workloadId, out var workload))
            {
                workload.Close();
            }
        }
    }

    /// <summary>One sampling round: every tracked workload, then the node's roll-up.</summary>
    public void SampleAll()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var timestamp = _time.GetTimestamp();
            long allocatedCpu = 0, allocatedMemory = 0, usedMemory = 0;
            var usedCores = 0.0;
            foreach (var workload in _workloads.Values)
            {
                Sample(workload, now, timestamp);
                allocatedCpu += workload.CpuMillis;
                allocatedMemory += workload.MemoryLimitBytes;
                usedCores += workload.CpuCores;
                usedMemory += workload.Current.MemoryWorkingSetBytes;
            }

            var hostCores = 0.0;
            HostCounters host = default;
            if (_sources.Host.TryRead(out host))
            {
                if (_hostBusyNanos >= 0)
                {
                    var elapsed = _time.GetElapsedTime(_hostTimestamp, timestamp);
                    hostCores = elapsed > TimeSpan.Zero ? Math.Max(0, host.CpuBusyNanos - _hostBusyNanos) / elapsed.TotalNanoseconds : 0;
                }

                _hostBusyNanos = host.CpuBusyNanos;
                _hostTimestamp = timestamp;
            }

            _nodeUsage = new NodeUsageState(
                now,
                _node.Capacity.CpuMillis,
                _node.Capacity.MemoryBytes,
                _reservedCpuMillis,
                _reservedMemoryBytes,
                allocatedCpu,
                allocatedMemory,
                usedCores,
                usedMemory,
                _workloads.Count,
                hostCores,
                host.MemoryTotalBytes,
                host.MemoryAvailableBytes);
        }
    }

    /// <summary>The latest sample of every running workload that has one, as the heartbeat carries them.</summary>
    public IReadOnlyList<WorkloadUsage> Latest()
    {
        lock (_gate)
        {
            var samples = new List<WorkloadUsage>(_workloads.Count);
            foreach (var workload in _workloads.Values)
            {
                if (workload.HasSample)
                {
                    samples.Add(UsageProto.Workload(workload));
                }
            }

            return samples;
        }
    }

    /// <summary>The node's roll-up as of the latest round; null before the first.</summary>
    public NodeUsage? Node()
    {
        lock (_gate)
        {
            return _nodeUsage is { } node ? UsageProto.Node(_node.NodeId, node) : null;
        }
    }

    /// <summary>Calls <paramref name="visit"/> for every workload's latest sample, under the lock: for the metrics, without copies.</summary>
    public void Visit(Action<TrackedWorkload> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        lock (_gate)
        {
            foreach (var workload in _workloads.Values)
            {
                if (workload.HasSample)
                {
                    visit(workload);
                }
            }
        }
    }

    /// <summary>The node's roll-up as of the latest round, for the metrics.</summary>
    public NodeUsageState? NodeState()
    {
        lock (_gate)
        {
            return _nodeUsage;
        }
    }

    public string NodeId => _node.NodeId;

    /// <summary>Closes every kept file; the jails themselves run on.</summary>
    public override void Dispose()
    {
        lock (_gate)
        {
            foreach (var workload in _workloads.Values)
            {
                workload.Close();
            }

            _workloads.Clear();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    SampleAll();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Usage is for reporting: a bad round must not end sampling.
                    LogSampleFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Sample(TrackedWorkload workload, DateTimeOffset now, long timestamp)
    {
        var reading = workload.Scratch;
        var full = !workload.HasSample || workload.SamplesSinceFullRead >= FullReadEvery - 1;
        if (!full)
        {
            // A frequent read refreshes only its own counters: the rest carry over from the latest reading.
            reading.CopyFrom(workload.Current);
        }

        if (!_sources.Cgroups.Read(workload.CgroupPath, reading, workload.CgroupFiles, full ? CgroupCounterSet.All : CgroupCounterSet.Frequent))
        {
            // Not there (yet, or any more): keep the previous sample.
            return;
        }

        if (workload.HasSample)
        {
            var elapsed = _time.GetElapsedTime(workload.Timestamp, timestamp);
            var used = reading.CpuUsageNanos - workload.Current.CpuUsageNanos;
            workload.CpuCores = elapsed > TimeSpan.Zero && used >= 0 ? used / elapsed.TotalNanoseconds : 0;
            workload.PeakCpuCores = Math.Max(workload.PeakCpuCores, workload.CpuCores);
        }

        workload.Scratch = workload.Current;
        workload.Current = reading;
        workload.HasSample = true;
        workload.SamplesSinceFullRead = full ? 0 : workload.SamplesSinceFullRead + 1;
        workload.At = now;
        workload.Timestamp = timestamp;
        workload.PeakMemoryBytes = Math.Max(workload.PeakMemoryBytes, Math.Max(reading.MemoryPeakBytes, reading.MemoryUsageBytes));

        // Kept open from the first read, the file goes on showing the jail's namespace, whatever becomes of the pid.
        if (_sources.Network.TryRead(workload.HostPid, out var network, workload.NetworkFile))
        {
            workload.Network = network;
            workload.HasNetwork = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sampling the usage of workload {WorkloadId} (host pid {HostPid})")]
    private partial void LogTracking(string workloadId, int hostPid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cgroup of workload {WorkloadId} was gone at its end; its final accounting is its last sample")]
    private partial void LogFinalFromLastSample(string workloadId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A usage sampling round failed")]
    private partial void LogSampleFailed(Exception exception);
}
