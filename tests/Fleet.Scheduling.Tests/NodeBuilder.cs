using System.Collections.Immutable;
using Fleet.Domain;
using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

/// <summary>Builds one mock node: by default ready, 2 CPU, 1Gi, offering busybox, nothing allocated.</summary>
public sealed class NodeBuilder(string id)
{
    private bool _ready = true;
    private long _cpuMillis = 2000;
    private long _memoryBytes = 1L << 30;
    private long _allocatedCpuMillis;
    private long _allocatedMemoryBytes;
    private ImmutableArray<string> _rootfs = ["busybox"];

    public NodeBuilder Capacity(string cpu, string memory)
    {
        _cpuMillis = Cpu(cpu);
        _memoryBytes = Memory(memory);
        return this;
    }

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

    public NodeBuilder Rootfs(params string[] names)
    {
        _rootfs = [.. names];
        return this;
    }

    public NodeCandidate Build() => new(
        id,
        _ready,
        new ResourceRequest(_memoryBytes, _cpuMillis),
        new ResourceRequest(_allocatedMemoryBytes, _allocatedCpuMillis),
        _rootfs);

    internal static long Cpu(string text) =>
        Quantity.TryParseCpu(text, out var millis) ? millis : throw new ArgumentException($"bad CPU {text}", nameof(text));

    internal static long Memory(string text) =>
        Quantity.TryParseMemory(text, out var bytes) ? bytes : throw new ArgumentException($"bad memory {text}", nameof(text));
}
