using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Usage;

/// <summary>
/// Recent usage in memory: a short ring of samples per workload and per node, fed by the agents'
/// heartbeats, and the watchers of new samples. Nothing here is durable: a restart starts empty and
/// fills again within a heartbeat (a workload's final accounting is durable, with the workload).
/// Kept by the silo that receives a node's heartbeats; in a cluster of several silos, a query
/// answered by another silo sees only the nodes that heartbeat to it.
/// </summary>
internal sealed class UsageStore(IOptions<UsageStoreOptions> options, TimeProvider time)
{
    private const int WatcherBuffer = 1024;

    private readonly UsageStoreOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WorkloadEntry> _workloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);
    private readonly List<UsageWatcher> _watchers = [];
    private DateTimeOffset _lastPrune;

    /// <summary>
    /// One heartbeat's usage: the latest sample of each workload running on <paramref name="nodeId"/>.
    /// A workload of that node missing from it is no longer running there.
    /// </summary>
    public void Record(string nodeId, IReadOnlyList<Proto.WorkloadUsage> samples, Proto.NodeUsage? node)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var now = time.GetUtcNow();
        var updates = new List<Proto.UsageUpdate>(samples.Count + 1);
        lock (_gate)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sample in samples)
            {
                if (!reported.Add(sample.WorkloadId))
                {
                    continue;
                }

                if (!_workloads.TryGetValue(sample.WorkloadId, out var entry))
                {
                    entry = new WorkloadEntry(new SampleRing<Proto.WorkloadUsage>(_options.RecentSamples));
                    _workloads.Add(sample.WorkloadId, entry);
                }

                sample.NodeId = nodeId;
                entry.NodeId = nodeId;
                entry.Running = true;
                entry.SeenAt = now;
                if (!Same(entry.Ring.Latest, sample))
                {
                    entry.Ring.Add(sample);
                    updates.Add(new Proto.UsageUpdate { Workload = sample });
                }
            }

            foreach (var (id, entry) in _workloads)
            {
                if (entry.NodeId == nodeId && !reported.Contains(id))
                {
                    entry.Running = false;
                }
            }

            if (node is not null)
            {
                node.NodeId = nodeId;
                if (!_nodes.TryGetValue(nodeId, out var nodeEntry))
                {
                    nodeEntry = new NodeEntry(new SampleRing<Proto.NodeUsage>(_options.RecentSamples));
                    _nodes.Add(nodeId, nodeEntry);
                }

                nodeEntry.SeenAt = now;
                nodeEntry.Ring.Add(node);
                updates.Add(new Proto.UsageUpdate { Node = node });
            }

            PruneLocked(now);
            foreach (var watcher in _watchers)
            {
                foreach (var update in updates)
                {
                    if (watcher.Wants(update))
                    {
                        // A watcher that cannot keep up loses its oldest updates, never slows a heartbeat.
                        watcher.Channel.Writer.TryWrite(update);
                    }
                }
            }
        }
    }

    /// <summary>The latest sample of a running workload; null when it is not running or its node went quiet.</summary>
    public Proto.WorkloadUsage? Latest(string workloadId)
    {
        lock (_gate)
        {
            return _workloads.TryGetValue(workloadId, out var entry) && IsCurrent(entry) ? entry.Ring.Latest : null;
        }
    }

    /// <summary>The recent samples of a workload, oldest first (also shortly after it ended).</summary>
    public IReadOnlyList<Proto.WorkloadUsage> Recent(string workloadId)
    {
        lock (_gate)
        {
            return _workloads.TryGetValue(workloadId, out var entry) ? entry.Ring.ToList() : [];
        }
    }

    /// <summary>The latest sample of every running workload (on <paramref name="nodeId"/> only, unless empty).</summary>
    public IReadOnlyList<Proto.WorkloadUsage> Running(string? nodeId = null)
    {
        lock (_gate)
        {
            var running = new List<Proto.WorkloadUsage>();
            foreach (var entry in _workloads.Values)
            {
                if (IsCurrent(entry) && (string.IsNullOrEmpty(nodeId) || entry.NodeId == nodeId) && entry.Ring.Latest is { } latest)
                {
                    running.Add(latest);
                }
            }

            return running;
        }
    }

    public Proto.NodeUsage? LatestNode(string nodeId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(nodeId, out var entry) ? entry.Ring.Latest : null;
        }
    }

    public IReadOnlyList<Proto.NodeUsage> RecentNode(string nodeId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(nodeId, out var entry) ? entry.Ring.ToList() : [];
        }
    }

    /// <summary>The latest roll-up of every node that reported one.</summary>
    public IReadOnlyList<Proto.NodeUsage> Nodes()
    {
        lock (_gate)
        {
            var nodes = new List<Proto.NodeUsage>(_nodes.Count);
            foreach (var entry in _nodes.Values)
            {
                if (entry.Ring.Latest is { } latest)
                {
                    nodes.Add(latest);
                }
            }

            return nodes;
        }
    }

    /// <summary>
    /// A watcher of new samples of one workload and/or node (empty: all). Its reader first holds the
    /// latest of each match, then every new one. Dispose it to stop.
    /// </summary>
    public UsageWatcher Watch(string? workloadId, string? nodeId)
    {
        var watcher = new UsageWatcher(
            Channel.CreateBounded<Proto.UsageUpdate>(new BoundedChannelOptions(WatcherBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }),
            workloadId,
            nodeId,
            Unwatch);
        lock (_gate)
        {
            foreach (var entry in _workloads.Values)
            {
                if (IsCurrent(entry) && entry.Ring.Latest is { } latest)
                {
                    Offer(watcher, new Proto.UsageUpdate { Workload = latest });
                }
            }

            if (string.IsNullOrEmpty(workloadId))
            {
                foreach (var entry in _nodes.Values)
                {
                    if (entry.Ring.Latest is { } latest)
                    {
                        Offer(watcher, new Proto.UsageUpdate { Node = latest });
                    }
                }
            }

            _watchers.Add(watcher);
        }

        return watcher;
    }

    private static void Offer(UsageWatcher watcher, Proto.UsageUpdate update)
    {
        if (watcher.Wants(update))
        {
            watcher.Channel.Writer.TryWrite(update);
        }
    }

    private void Unwatch(UsageWatcher watcher)
    {
        lock (_gate)
        {
            _watchers.Remove(watcher);
        }

        watcher.Channel.Writer.TryComplete();
    }

    private bool IsCurrent(WorkloadEntry entry) => entry.Running && time.GetUtcNow() - entry.SeenAt <= _options.StaleAfter;

    /// <summary>A heartbeat repeats the latest sample when no new round ran in between: keep it once.</summary>
    private static bool Same(Proto.WorkloadUsage? previous, Proto.WorkloadUsage sample) =>
        previous is not null && previous.At is not null && previous.At.Equals(sample.At);

    private void PruneLocked(DateTimeOffset now)
    {
        // Once a minute is enough: what is pruned is only memory, never an answer.
        if (now - _lastPrune < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastPrune = now;
        var ended = _workloads.Where(pair => !pair.Value.Running && now - pair.Value.SeenAt > _options.RetainEndedFor).Select(pair => pair.Key).ToList();
        foreach (var id in ended)
        {
            _workloads.Remove(id);
        }

        var quiet = _nodes.Where(pair => now - pair.Value.SeenAt > _options.RetainEndedFor).Select(pair => pair.Key).ToList();
        foreach (var id in quiet)
        {
            _nodes.Remove(id);
        }
    }

    private sealed class WorkloadEntry(SampleRing<Proto.WorkloadUsage> ring)
    {
        public SampleRing<Proto.WorkloadUsage> Ring { get; } = ring;

        public string NodeId { get; set; } = string.Empty;

        public bool Running { get; set; }

        public DateTimeOffset SeenAt { get; set; }
    }

    private sealed class NodeEntry(SampleRing<Proto.NodeUsage> ring)
    {
        public SampleRing<Proto.NodeUsage> Ring { get; } = ring;

        public DateTimeOffset SeenAt { get; set; }
    }
}
