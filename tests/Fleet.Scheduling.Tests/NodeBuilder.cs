using System.Collections.Immutable;
using Fleet.Domain;
using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

/// <summary>Builds one mock node: by default ready, 2 CPU, 1Gi, offering busybox, nothing allocated, no labels.</summary>
public sealed class NodeBuilder(string id)
{
    private bool _ready = true;
    private bool _cordoned;
    private long _cpuMillis = 2000;
    private long _memoryBytes = 1L << 30;
    private long _pids;
    private long _allocatedCpuMillis;
    private long _allocatedMemoryBytes;
    private ImmutableArray<string> _rootfs = ["busybox"];
    private ImmutableDictionary<string, string> _labels = ImmutableDictionary<string, string>.Empty;
    private ImmutableArray<int> _ports = [];
    private ImmutableArray<PlacedWorkload> _workloads = [];

    public NodeBuilder Capacity(string cpu, string memory)
    {
        _cpuMillis = Cpu(cpu);
        _memoryBytes = Memory(memory);
        return this;
    }

    /// <summary>A pids capacity; 0 (the default) means pids are not accounted.</summary>
    public NodeBuilder Pids(long capacity)
    {
        _pids = capacity;
        return this;
    }

    /// <summary>Allocated by workloads the view does not know (on top of those given with <see cref="Runs"/>).</summary>
    public NodeBuilder Allocated(string cpu, string memory)
    {
        _allocatedCpuMillis = Cpu(cpu);
        _allocatedMemoryBytes = Memory(memory);
        return this;
    }

    public NodeBuilder Down()
    {
        _ready = false;
        return this;
    }

    public NodeBuilder Cordoned()
    {
        _cordoned = true;
        return this;
    }

    public NodeBuilder Rootfs(params string[] names)
    {
        _rootfs = [.. names];
        return this;
    }

    /// <summary>Labels as "key=value".</summary>
    public NodeBuilder Labels(params string[] pairs)
    {
        _labels = Harness.Labels(pairs);
        return this;
    }

    /// <summary>Host ports in use by something the view does not know.</summary>
    public NodeBuilder PortsInUse(params int[] ports)
    {
        _ports = [.. ports];
        return this;
    }

    public NodeBuilder Runs(params PlacedWorkload[] workloads)
    {
        _workloads = _workloads.AddRange(workloads);
        return this;
    }

    public NodeCandidate Build() => new(
        id,
        _ready,
        new ResourceRequest(_memoryBytes, _cpuMillis),
        new ResourceRequest(_allocatedMemoryBytes, _allocatedCpuMillis),
        _rootfs);

    public ClusterNode ToClusterNode()
    {
        var node = new ClusterNode(id)
        {
            Ready = _ready,
            Cordoned = _cordoned,
            Labels = _labels,
            Capacity = new ResourceVector(_cpuMillis, _memoryBytes, _pids),
            Allocated = new ResourceVector(_allocatedCpuMillis, _allocatedMemoryBytes),
            HostPorts = _ports,
            Rootfs = _rootfs,
        };
        foreach (var workload in _workloads)
        {
            node = node.WithWorkload(workload);
        }

        return node;
    }

    internal static long Cpu(string text) =>
        Quantity.TryParseCpu(text, out var millis) ? millis : throw new ArgumentException($"bad CPU {text}", nameof(text));

    internal static long Memory(string text) =>
        Quantity.TryParseMemory(text, out var bytes) ? bytes : throw new ArgumentException($"bad memory {text}", nameof(text));
}
