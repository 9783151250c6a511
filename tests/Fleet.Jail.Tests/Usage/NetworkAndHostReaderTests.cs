using Fleet.Jail.Usage;

namespace Fleet.Jail.Tests.Usage;

public sealed class NetworkAndHostReaderTests
{
    [Fact]
    public void Network_counters_sum_every_interface_but_loopback()
    {
        var reader = new NetworkUsageReader(UsageFixtures.Root);

        Assert.True(reader.TryRead(4242, out var counters));

        Assert.Equal(new NetworkCounters(
            ReceiveBytes: 1_048_576 + 100,
            TransmitBytes: 2_097_152 + 200,
            ReceivePackets: 1024 + 10,
            TransmitPackets: 2048 + 20,
            ReceiveErrors: 1,
            TransmitErrors: 3,
            ReceiveDrops: 2,
            TransmitDrops: 4), counters);
    }

    [Fact]
    public void Network_of_a_process_that_is_gone_reads_false()
    {
        Assert.False(new NetworkUsageReader(UsageFixtures.Root).TryRead(999_999, out var counters));
        Assert.Equal(default, counters);
    }

    [Fact]
    public void A_namespace_with_only_loopback_reads_zero()
    {
        var counters = NetworkUsageReader.Parse("""
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:     140       2    0    0    0     0          0         0      140       2    0    0    0     0       0          0
            """u8);

        Assert.Equal(default, counters);
    }

    [Fact]
    public void Host_cpu_is_everything_but_idle_and_iowait_and_memory_is_in_bytes()
    {
        Assert.True(new HostUsageReader(UsageFixtures.Root).TryRead(out var host));

        // user 10000 + nice 500 + system 3000 + irq 200 + softirq 300 ticks of 10 ms.
        Assert.Equal(14_000 * 10_000_000L, host.CpuBusyNanos);
        Assert.Equal(8_000_000 * 1024L, host.MemoryTotalBytes);
        Assert.Equal(6_000_000 * 1024L, host.MemoryAvailableBytes);
    }

    [Fact]
    public void The_real_host_and_this_process_read()
    {
        Assert.True(new HostUsageReader().TryRead(out var host));
        Assert.True(host.CpuBusyNanos > 0);
        Assert.True(host.MemoryAvailableBytes is > 0 && host.MemoryAvailableBytes <= host.MemoryTotalBytes);
        // A process in this process's own namespace (here: itself) is not a jail: nothing is read.
        Assert.False(new NetworkUsageReader().TryRead(Environment.ProcessId, out _));
        Assert.True(NetworkUsageReader.Parse(File.ReadAllBytes("/proc/self/net/dev")).ReceivePackets >= 0);
    }
}
