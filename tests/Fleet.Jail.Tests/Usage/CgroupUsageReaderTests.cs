using Fleet.Jail.Usage;

namespace Fleet.Jail.Tests.Usage;

/// <summary>Both cgroup versions against fixture trees laid out as the kernel writes them (v2 cannot be mounted on this machine).</summary>
public sealed class CgroupUsageReaderTests
{
    [Fact]
    public void Detect_picks_v2_for_a_cgroup2_root_and_v1_otherwise()
    {
        Assert.Equal(2, CgroupUsageReader.Detect(UsageFixtures.V2).Version);
        Assert.Equal(1, CgroupUsageReader.Detect(UsageFixtures.V1).Version);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void Every_field_is_read_with_the_same_meaning_in_both_versions(string version)
    {
        var reader = CgroupUsageReader.Detect(Path.Combine(UsageFixtures.Root, version));
        var usage = new CgroupUsage();

        Assert.True(reader.Read("fleet/w-1", usage));

        Assert.Equal(2_500_000_000, usage.CpuUsageNanos);
        // 150:50 ticks on v1, 1875000:625000 µs on v2: both a 3:1 split of the exact total.
        Assert.Equal(1_875_000_000, usage.CpuUserNanos);
        Assert.Equal(625_000_000, usage.CpuSystemNanos);
        Assert.Equal(120, usage.CpuPeriods);
        Assert.Equal(45, usage.CpuThrottledPeriods);
        Assert.Equal(2_250_000_000, usage.CpuThrottledNanos);
        Assert.Equal(70L << 20, usage.MemoryUsageBytes);
        Assert.Equal(60L << 20, usage.MemoryWorkingSetBytes);
        Assert.Equal(50L << 20, usage.MemoryRssBytes);
        Assert.Equal(20L << 20, usage.MemoryCacheBytes);
        Assert.Equal(4096, usage.MemorySwapBytes);
        Assert.Equal(100L << 20, usage.MemoryPeakBytes);
        Assert.Equal(2, usage.OomKills);
        Assert.Equal(3, usage.PidsCurrent);
        Assert.Equal(7, usage.PidsLimitHits);
        Assert.Equal(4096 + 8192, usage.IoReadBytes);
        Assert.Equal(1_048_576, usage.IoWriteBytes);
        Assert.Equal(3, usage.IoReadOps);
        Assert.Equal(256, usage.IoWriteOps);
        Assert.Equal(new PressureStall(12.5, 0, 1_234_567, 0), usage.CpuPressure);
        Assert.True(usage.Has(CgroupUsageFields.Cpu | CgroupUsageFields.CpuThrottling | CgroupUsageFields.Memory |
                              CgroupUsageFields.MemoryPeak | CgroupUsageFields.MemorySwap | CgroupUsageFields.OomKills |
                              CgroupUsageFields.Pids | CgroupUsageFields.Io | CgroupUsageFields.CpuPressure));
    }

    [Fact]
    public void V2_reads_memory_and_io_pressure()
    {
        var usage = new CgroupUsage();

        CgroupUsageReader.Detect(UsageFixtures.V2).Read("fleet/w-1", usage);

        Assert.Equal(new PressureStall(1.25, 0.75, 5000, 3000), usage.MemoryPressure);
        Assert.Equal(new PressureStall(0, 0, 42, 40), usage.IoPressure);
        Assert.True(usage.Has(CgroupUsageFields.MemoryPressure | CgroupUsageFields.IoPressure));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void Missing_controllers_and_files_leave_their_fields_unset_not_zero(string version)
    {
        var usage = new CgroupUsage();

        Assert.True(CgroupUsageReader.Detect(Path.Combine(UsageFixtures.Root, version)).Read("fleet/w-2", usage));

        Assert.Equal(CgroupUsageFields.Cpu | CgroupUsageFields.Memory, usage.Fields);
        Assert.Equal(version == "v1" ? 1000 : 1_000_000, usage.CpuUsageNanos);
        Assert.Equal(8192, usage.MemoryUsageBytes);
        Assert.Equal(version == "v1" ? 8192 : 4096, usage.MemoryWorkingSetBytes);
        Assert.Equal(0, usage.CpuThrottledPeriods);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void A_cgroup_that_does_not_exist_reads_false_and_clears_the_previous_sample(string version)
    {
        var reader = CgroupUsageReader.Detect(Path.Combine(UsageFixtures.Root, version));
        var usage = new CgroupUsage();
        reader.Read("fleet/w-1", usage);

        Assert.False(reader.Read("fleet/gone", usage));

        Assert.Equal(CgroupUsageFields.None, usage.Fields);
        Assert.Equal(0, usage.CpuUsageNanos);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void A_frequent_read_refreshes_its_counters_and_keeps_the_rest_as_passed_in(string version)
    {
        var reader = CgroupUsageReader.Detect(Path.Combine(UsageFixtures.Root, version));
        var usage = new CgroupUsage { OomKills = 99, MemoryPeakBytes = 5, IoReadBytes = 6, PidsLimitHits = 7, Fields = CgroupUsageFields.OomKills | CgroupUsageFields.Io };

        Assert.True(reader.Read("fleet/w-1", usage, counters: CgroupCounterSet.Frequent));

        Assert.Equal(2_500_000_000, usage.CpuUsageNanos);
        Assert.Equal(45, usage.CpuThrottledPeriods);
        Assert.Equal(60L << 20, usage.MemoryWorkingSetBytes);
        Assert.Equal(3, usage.PidsCurrent);
        Assert.Equal(99, usage.OomKills);
        Assert.Equal(5, usage.MemoryPeakBytes);
        Assert.Equal(6, usage.IoReadBytes);
        Assert.Equal(7, usage.PidsLimitHits);
        Assert.True(usage.Has(CgroupUsageFields.Cpu | CgroupUsageFields.Memory | CgroupUsageFields.Pids | CgroupUsageFields.OomKills | CgroupUsageFields.Io));
    }

    [Fact]
    public void Reading_again_gives_the_same_values_from_the_reused_buffers()
    {
        var reader = CgroupUsageReader.Detect(UsageFixtures.V2);
        var first = new CgroupUsage();
        var second = new CgroupUsage();

        reader.Read("fleet/w-1", first);
        reader.Read("fleet/w-2", second);
        reader.Read("fleet/w-1", second);

        Assert.Equivalent(first, second, strict: true);
    }

    [Fact]
    public void A_sample_allocates_nothing_once_warm()
    {
        var reader = CgroupUsageReader.Detect(UsageFixtures.V1);
        var usage = new CgroupUsage();
        reader.Read("fleet/w-1", usage);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            reader.Read("fleet/w-1", usage);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
