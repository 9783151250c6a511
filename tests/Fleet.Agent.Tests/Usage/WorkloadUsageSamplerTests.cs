using Fleet.Agent.Connection;
using Fleet.Agent.Tests.Fakes;
using Fleet.Agent.Usage;
using Fleet.Contracts.V1;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Agent.Tests.Usage;

public sealed class WorkloadUsageSamplerTests : IDisposable
{
    private readonly CgroupTree _tree = new();
    private readonly ManualTime _time = new();
    private readonly AgentOptions _options = new() { ReservedCpuMillis = 500, ReservedMemoryBytes = 1L << 30 };

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Cpu_cores_are_the_cpu_time_delta_over_the_elapsed_time()
    {
        var sampler = NewSampler();
        _tree.Set("w-1", cpuMicros: 1_000_000, memoryBytes: 1 << 20);
        sampler.Track("w-1", "one", new FakeJail("w-1", 4242), 500, 64L << 20);

        _time.Advance(TimeSpan.FromSeconds(2));
        _tree.Set("w-1", cpuMicros: 2_000_000, memoryBytes: 1 << 20);
        sampler.SampleAll();

        var sample = Assert.Single(sampler.Latest());
        Assert.Equal("w-1", sample.WorkloadId);
        Assert.Equal(0.5, sample.Cpu.Cores, 9);
        Assert.Equal(2_000_000_000, sample.Cpu.UsageNanos);
        Assert.Equal(1_000_000_000, sample.Cpu.UserNanos);
        Assert.Equal(_time.GetUtcNow(), sample.At.ToDateTimeOffset());
    }

    [Fact]
    public void The_first_sample_has_no_rate_yet()
    {
        var sampler = NewSampler();
        _tree.Set("w-1", cpuMicros: 5_000_000, memoryBytes: 1 << 20);

        sampler.Track("w-1", "one", new FakeJail("w-1", 4242), 500, 64L << 20);

        Assert.Equal(0, Assert.Single(sampler.Latest()).Cpu.Cores);
    }

    [Fact]
    public void Memory_keeps_the_working_set_the_limit_and_the_highest_peak_seen()
    {
        var sampler = NewSampler();
        _tree.Set("w-1", cpuMicros: 0, memoryBytes: 100L << 20, peakBytes: 100L << 20, inactiveFileBytes: 30L << 20);
        sampler.Track("w-1", "one", new FakeJail("w-1", 4242), 500, 256L << 20);

        _time.Advance(TimeSpan.FromSeconds(1));
        _tree.Set("w-1", cpuMicros: 0, memoryBytes: 40L << 20, peakBytes: 0);
        sampler.SampleAll();

        var memory = Assert.Single(sampler.Latest()).Memory;
        Assert.Equal(40L << 20, memory.UsageBytes);
        Assert.Equal(40L << 20, memory.WorkingSetBytes);
        Assert.Equal(100L << 20, memory.PeakBytes);
        Assert.Equal(256L << 20, memory.LimitBytes);
    }

    [Fact]
    public void The_final_accounting_is_read_from_the_cgroup_at_the_end_with_the_last_network_counters()
    {
        var sampler = NewSampler();
        _tree.Set("w-1", cpuMicros: 1_000_000, memoryBytes: 10L << 20);
        _tree.SetNetwork(4242, receiveBytes: 1000, transmitBytes: 2000);
        sampler.Track("w-1", "one", new FakeJail("w-1", 4242), 500, 64L << 20);

        // It exits between two samples: its namespace is gone, its cgroup still there with the last counters.
        _time.Advance(TimeSpan.FromMilliseconds(700));
        _tree.RemoveProcess(4242);
        _tree.Set("w-1", cpuMicros: 1_700_000, memoryBytes: 0, peakBytes: 48L << 20, throttledPeriods: 7, oomKills: 1);
        var final = sampler.Finish("w-1");

        Assert.NotNull(final);
        Assert.Equal(_time.GetUtcNow(), final.At);
        Assert.Equal(1_700_000_000, final.CpuUsageNanos);
        Assert.Equal(7, final.CpuThrottledPeriods);
        Assert.Equal(48L << 20, final.MemoryPeakBytes);
        Assert.Equal(1, final.OomKills);
        Assert.Equal(4096, final.IoReadBytes);
        Assert.Equal(1000, final.Network.ReceiveBytes);
        Assert.Equal(2000, final.Network.TransmitBytes);
        var proto = final.ToProto();
        Assert.True(proto.OomKilled);
        Assert.Equal(8192, proto.Io.WriteBytes);

        // No longer sampled, and finished once only.
        Assert.Empty(sampler.Latest());
        Assert.Null(sampler.Finish("w-1"));
    }

    [Fact]
    public void Oom_kills_and_peak_are_refreshed_by_every_full_read_and_cpu_by_every_read()
    {
        var sampler = NewSampler();
        _tree.Set("w-1", cpuMicros: 0, memoryBytes: 1 << 20);
        sampler.Track("w-1", "one", new FakeJail("w-1", 4242), 500, 64L << 20);
        _tree.Set("w-1", cpuMicros: 1_000_000, memoryBytes: 1 << 20, oomKills: 1);

        var seen = new List<(long Cpu, long Oom)>();
        for (var i = 0; i < WorkloadUsageSampler.FullReadEvery; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            sampler.SampleAll();
            var sample = Assert.Single(sampler.Latest());
            seen.Add((sample.Cpu.UsageNanos, sample.Memory.OomKills));
        }

        Assert.All(seen, s => Assert.Equal(1_000_000_000, s.Cpu));
        Assert.Equal([.. Enumerable.Repeat(0L, WorkloadUsageSampler.FullReadEvery - 1), 1L], seen.Select(s => s.Oom));
    }

    [Fact]
    public void A_workload_that_was_never_tracked_has_no_final_accounting() =>
        Assert.Null(NewSampler().Finish("w-unknown"));

    [Fact]
    public void When_the_cgroup_is_gone_at_the_end_the_last_sample_is_the_final_accounting()
    {
        var sampler = NewSampler();
        _tree.Set("w-1", cpuMicros: 3_000_000, memoryBytes: 10L << 20);
        sampler.Track("w-1", "one", new FakeJail("w-1", 4242), 500, 64L << 20);
        _tree.Remove("w-1");

        var final = sampler.Finish("w-1");

        Assert.NotNull(final);
        Assert.Equal(3_000_000_000, final.CpuUsageNanos);
    }

    [Fact]
    public void The_node_rolls_up_capacity_reserve_allocated_used_and_the_host()
    {
        var sampler = NewSampler();
        _tree.Set("w-1", cpuMicros: 0, memoryBytes: 10L << 20);
        _tree.Set("w-2", cpuMicros: 0, memoryBytes: 30L << 20);
        sampler.Track("w-1", "one", new FakeJail("w-1", 4242), 500, 64L << 20);
        sampler.Track("w-2", "two", new FakeJail("w-2", 4243), 250, 128L << 20);
        sampler.SampleAll();

        _time.Advance(TimeSpan.FromSeconds(1));
        _tree.Set("w-1", cpuMicros: 500_000, memoryBytes: 10L << 20);
        _tree.Set("w-2", cpuMicros: 250_000, memoryBytes: 30L << 20);
        _tree.SetHost(busyTicks: 150, totalKib: 4 << 20, availableKib: 2 << 20);
        sampler.SampleAll();

        var node = sampler.Node();
        Assert.NotNull(node);
        Assert.Equal("node-a", node.NodeId);
        Assert.Equal(new Resources { CpuMillis = 4000, MemoryBytes = 8L << 30 }, node.Capacity);
        Assert.Equal(new Resources { CpuMillis = 500, MemoryBytes = 1L << 30 }, node.Reserved);
        Assert.Equal(new Resources { CpuMillis = 3500, MemoryBytes = 7L << 30 }, node.Allocatable);
        Assert.Equal(new Resources { CpuMillis = 750, MemoryBytes = 192L << 20 }, node.Allocated);
        Assert.Equal(0.75, node.UsedCpuCores, 9);
        Assert.Equal(40L << 20, node.UsedMemoryBytes);
        Assert.Equal(2, node.RunningWorkloads);
        // 150 ticks of 10 ms in one second.
        Assert.Equal(1.5, node.Host.CpuCores, 9);
        Assert.Equal(4L << 30, node.Host.MemoryTotalBytes);
        Assert.Equal(2L << 30, node.Host.MemoryAvailableBytes);

        // The sum of the workloads is the node's used.
        Assert.Equal(node.UsedCpuCores, sampler.Latest().Sum(sample => sample.Cpu.Cores), 9);
    }

    [Fact]
    public void A_missing_cgroup_keeps_the_workload_without_a_sample()
    {
        var sampler = NewSampler();

        sampler.Track("w-none", "none", new FakeJail("w-none", 4242), 500, 0);
        sampler.SampleAll();

        Assert.Empty(sampler.Latest());
        Assert.Equal(1, sampler.Node()!.RunningWorkloads);
    }

    private WorkloadUsageSampler NewSampler() => new(
        new UsageSources(_tree.CgroupRoot, _tree.ProcRoot),
        new NodeDescription("node-a", "127.0.0.1:7410", new Resources { CpuMillis = 4000, MemoryBytes = 8L << 30 }),
        Microsoft.Extensions.Options.Options.Create(_options),
        _time,
        NullLogger<WorkloadUsageSampler>.Instance);
}
