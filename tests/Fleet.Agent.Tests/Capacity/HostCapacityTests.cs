using Fleet.Agent.Capacity;

namespace Fleet.Agent.Tests.Capacity;

public sealed class HostCapacityTests
{
    private static string Host(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "hosts", name);

    [Fact]
    public void Reads_MemTotal_in_bytes() =>
        Assert.Equal(24683620L * 1024, MemInfo.ReadTotalBytes(Host("v1-unlimited")));

    [Fact]
    public void A_missing_or_malformed_MemTotal_reads_as_unknown()
    {
        Assert.Null(MemInfo.ReadTotalBytes(Host("broken")));
        Assert.Null(MemInfo.ReadTotalBytes(Host("does-not-exist")));
    }

    [Fact]
    public void An_unlimited_host_offers_all_cores_and_all_memory()
    {
        var capacity = HostCapacity.Read(new AgentOptions(), Host("v1-unlimited"), processorCount: 2);

        Assert.Equal(2000, capacity.CpuMillis);
        Assert.Equal(24683620L * 1024, capacity.MemoryBytes);
    }

    [Fact]
    public void A_v1_cgroup_quota_and_memory_limit_bound_the_capacity()
    {
        var capacity = HostCapacity.Read(new AgentOptions(), Host("v1-quota"), processorCount: 8);

        Assert.Equal(1500, capacity.CpuMillis);
        Assert.Equal(2147483648, capacity.MemoryBytes);
    }

    [Fact]
    public void The_tightest_v2_limit_on_the_way_to_the_root_wins()
    {
        var capacity = HostCapacity.Read(new AgentOptions(), Host("v2-limited"), processorCount: 4);

        Assert.Equal(2000, capacity.CpuMillis);
        Assert.Equal(1073741824, capacity.MemoryBytes);
    }

    [Fact]
    public void A_quota_above_the_cores_is_bounded_by_the_cores()
    {
        var capacity = HostCapacity.Read(new AgentOptions(), Host("v1-quota"), processorCount: 1);

        Assert.Equal(1000, capacity.CpuMillis);
    }

    [Fact]
    public void Configured_values_override_the_host()
    {
        var options = new AgentOptions { CpuMillis = 750, MemoryBytes = 128L << 20 };

        var capacity = HostCapacity.Read(options, Host("v1-quota"), processorCount: 8);

        Assert.Equal(750, capacity.CpuMillis);
        Assert.Equal(128L << 20, capacity.MemoryBytes);
    }

    [Fact]
    public void This_host_reports_a_plausible_capacity()
    {
        var capacity = HostCapacity.Read(new AgentOptions(), "/", Environment.ProcessorCount);

        Assert.InRange(capacity.CpuMillis, 1, Environment.ProcessorCount * 1000L);
        Assert.True(capacity.MemoryBytes > 64L << 20, $"memory {capacity.MemoryBytes}");
    }
}
