using Fleet.Jail.Usage;

namespace Fleet.Jail.Tests.Usage;

/// <summary>Files kept open between samples: a new value is read through the same descriptor, and a cgroup that appears later is found.</summary>
public sealed class CounterHandlesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-handles-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Kept_files_show_each_new_value()
    {
        var cgroup = Cgroup("w-1");
        File.WriteAllText(Path.Combine(cgroup, "memory.current"), "1000\n");
        var reader = CgroupUsageReader.Detect(_root);
        using var handles = new CounterHandles();
        var usage = new CgroupUsage();
        Assert.True(reader.Read("fleet/w-1", usage, handles));

        // Rewritten in place, as the kernel regenerates it: the kept descriptor reads the new text.
        File.WriteAllText(Path.Combine(cgroup, "memory.current"), "2000\n");
        Assert.True(reader.Read("fleet/w-1", usage, handles));

        Assert.Equal(2000, usage.MemoryUsageBytes);
        Assert.Equal(CgroupUsageFields.Cpu | CgroupUsageFields.Memory, usage.Fields);
    }

    [Fact]
    public void A_cgroup_missing_at_first_is_found_once_it_exists()
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "cpu memory\n");
        var reader = CgroupUsageReader.Detect(_root);
        using var handles = new CounterHandles();
        var usage = new CgroupUsage();

        Assert.False(reader.Read("fleet/late", usage, handles));
        Cgroup("late");

        Assert.True(reader.Read("fleet/late", usage, handles));
    }

    [Fact]
    public void Kept_network_counters_stay_readable_after_the_process_is_gone()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "proc", "77", "net")).FullName;
        File.WriteAllText(Path.Combine(dir, "dev"), "h1\nh2\n  eth0: 10 1 0 0 0 0 0 0 20 2 0 0 0 0 0 0\n");
        var reader = new NetworkUsageReader(_root);
        using var handles = new CounterHandles();
        Assert.True(reader.TryRead(77, out _, handles));

        File.WriteAllText(Path.Combine(dir, "dev"), "h1\nh2\n  eth0: 30 3 0 0 0 0 0 0 40 4 0 0 0 0 0 0\n");
        Directory.Delete(Path.Combine(_root, "proc", "77"), recursive: true);

        Assert.True(reader.TryRead(77, out var counters, handles));
        Assert.Equal(30, counters.ReceiveBytes);
        Assert.Equal(40, counters.TransmitBytes);
        Assert.False(new NetworkUsageReader(_root).TryRead(77, out _));
    }

    [Fact]
    public void A_sample_through_kept_files_allocates_nothing()
    {
        var reader = CgroupUsageReader.Detect(UsageFixtures.V1);
        using var handles = new CounterHandles();
        var usage = new CgroupUsage();
        reader.Read("fleet/w-1", usage, handles);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            reader.Read("fleet/w-1", usage, handles);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2_500_000_000, usage.CpuUsageNanos);
    }

    private string Cgroup(string id)
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "cpu memory\n");
        var dir = Directory.CreateDirectory(Path.Combine(_root, "fleet", id)).FullName;
        File.WriteAllText(Path.Combine(dir, "cpu.stat"), "usage_usec 5\nuser_usec 3\nsystem_usec 2\n");
        File.WriteAllText(Path.Combine(dir, "memory.current"), "1000\n");
        return dir;
    }
}
