using System.Diagnostics;
using System.Globalization;
using Fleet.Jail.Usage;

namespace Fleet.Jail.Tests.Usage;

/// <summary>
/// Accuracy of the usage readers on real jails with known loads, against counters the kernel keeps
/// outside the cgroup (the process's own schedstat) and against the loads themselves.
/// </summary>
public sealed class JailUsageAccuracyTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cpu_burner_under_a_half_core_quota_is_reported_near_half_a_core_and_throttled()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("burner", "sh", "-c", "while :; do :; done") with { CpuMillis = 500 };
        var jail = await test.StartAsync(spec);
        var reader = CgroupUsageReader.Detect();
        var before = new CgroupUsage();
        var after = new CgroupUsage();

        // Past the first period, so the quota is in force for the whole measurement.
        await Task.Delay(300, Cancel);
        var cpuBefore = TasksCpuNanos(spec.Id);
        var started = Stopwatch.GetTimestamp();
        Assert.True(reader.Read(CgroupPath(spec.Id), before));
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.True(reader.Read(CgroupPath(spec.Id), after));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuAfter = TasksCpuNanos(spec.Id);

        var reported = after.CpuUsageNanos - before.CpuUsageNanos;
        var cores = reported / elapsed.TotalNanoseconds;
        var ownCounter = cpuAfter - cpuBefore;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"reported {cores:0.0000} cores; cgroup {reported} ns vs the tasks' schedstat {ownCounter} ns ({100.0 * (reported - ownCounter) / ownCounter:+0.00;-0.00}%); throttled {after.CpuThrottledPeriods - before.CpuThrottledPeriods} of {after.CpuPeriods - before.CpuPeriods} periods");

        // The quota caps it at 0.5; a machine busy with other work can only give it less.
        Assert.InRange(cores, 0.40, 0.52);
        Assert.InRange((double)reported, ownCounter * 0.98, ownCounter * 1.02);
        Assert.True(after.CpuThrottledPeriods > before.CpuThrottledPeriods, "a burner over its quota is throttled");
        Assert.True(after.CpuThrottledNanos > before.CpuThrottledNanos);
        Assert.InRange(after.CpuUserNanos + after.CpuSystemNanos, after.CpuUsageNanos - 1, after.CpuUsageNanos);
    }

    [Fact]
    public async Task A_jail_holding_64_MiB_reports_64_MiB_more_working_set_than_its_idle_sibling()
    {
        const long held = 64L << 20;
        await using var test = new TestJail(fixture);
        var filler = test.Spec("holder", "sh", "-c", "head -c 67108864 /dev/zero > /dev/shm/fill && echo filled && exec sleep 1000");
        var idle = test.Spec("idle", "sh", "-c", "echo filled && exec sleep 1000");
        await test.StartAsync(filler);
        await test.StartAsync(idle);
        await WaitForOutput(test, filler.Id);
        await WaitForOutput(test, idle.Id);
        var reader = CgroupUsageReader.Detect();
        var holding = new CgroupUsage();
        var idling = new CgroupUsage();

        Assert.True(reader.Read(CgroupPath(filler.Id), holding));
        Assert.True(reader.Read(CgroupPath(idle.Id), idling));

        var extra = holding.MemoryWorkingSetBytes - idling.MemoryWorkingSetBytes;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"holder working set {holding.MemoryWorkingSetBytes}, idle sibling {idling.MemoryWorkingSetBytes}, extra {extra} for {held} held ({100.0 * (extra - held) / held:+0.00;-0.00}%)");
        Assert.InRange(extra, held * 0.99, held * 1.01);
        // Siblings are reported separately: the idle one does not carry the holder's memory.
        Assert.True(idling.MemoryWorkingSetBytes < (4L << 20), $"idle sibling working set {idling.MemoryWorkingSetBytes}");
        Assert.True(holding.MemoryPeakBytes >= held);
    }

    [Fact]
    public async Task Peak_memory_is_still_readable_after_the_jail_exited()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("peak", "sh", "-c", "head -c 33554432 /dev/zero > /dev/shm/fill && rm /dev/shm/fill");

        var (exit, _) = await test.RunAsync(spec);
        var usage = new CgroupUsage();
        Assert.True(CgroupUsageReader.Detect().Read(CgroupPath(spec.Id), usage), "the cgroup stays until the jail is disposed");

        Assert.Equal(0, exit.ExitCode);
        Assert.True(usage.MemoryPeakBytes >= 32L << 20, $"peak {usage.MemoryPeakBytes}");
        Assert.True(usage.MemoryUsageBytes < 4L << 20, $"usage after exit {usage.MemoryUsageBytes}");
        Assert.Equal(0, usage.OomKills);
    }

    [Fact]
    public async Task A_kill_9_is_not_an_oom_kill_but_a_memory_limit_breach_is()
    {
        await using var test = new TestJail(fixture);
        var sleeper = await test.StartAsync(test.Spec("killed", "sleep", "1000"));
        var killed = await sleeper.StopAsync(TimeSpan.Zero, Cancel);
        var greedy = test.Spec("greedy", "sh", "-c", "x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived") with { MemoryLimitBytes = 16L << 20 };
        var (oom, stdout) = await test.RunAsync(greedy);
        var reader = CgroupUsageReader.Detect();
        var killedUsage = new CgroupUsage();
        var oomUsage = new CgroupUsage();

        Assert.True(reader.Read(CgroupPath("killed"), killedUsage));
        Assert.True(reader.Read(CgroupPath(greedy.Id), oomUsage));

        Assert.Equal(137, killed.ExitCode);
        Assert.Equal(0, killedUsage.OomKills);
        Assert.True(killedUsage.Has(CgroupUsageFields.OomKills));
        Assert.Equal(137, oom.ExitCode);
        Assert.Equal("", stdout);
        Assert.True(oomUsage.OomKills >= 1, $"oom kills {oomUsage.OomKills}");
    }

    [Fact]
    public async Task A_jail_s_network_counters_are_its_own_never_the_host_s_even_right_after_start()
    {
        await using var test = new TestJail(fixture);
        var host = NetworkUsageReader.Parse(await File.ReadAllBytesAsync("/proc/self/net/dev", Cancel));
        Assert.True(host.ReceiveBytes + host.TransmitBytes > 0, "this host's interfaces carry traffic to tell them apart");
        var jail = await test.StartAsync(test.Spec("net", "sleep", "1000"));
        var reader = new NetworkUsageReader();
        using var kept = new CounterHandles();

        // From the first instant: before the jail has its own namespace, nothing is read (not the host's counters).
        var deadline = DateTime.UtcNow.AddSeconds(2);
        var read = 0;
        while (DateTime.UtcNow < deadline)
        {
            if (reader.TryRead(jail.HostPid, out var counters, kept))
            {
                read++;
                Assert.Equal(default, counters);
            }
        }

        Assert.True(read > 0, "the jail's own namespace was read");
        await jail.StopAsync(TimeSpan.Zero, Cancel);

        // Kept open, the file still shows the jail's namespace after its last process ended.
        Assert.True(reader.TryRead(jail.HostPid, out var after, kept));
        Assert.Equal(default, after);
    }

    private string CgroupPath(string jailId) => $"{fixture.CgroupParent}/{jailId}";

    /// <summary>
    /// Time on CPU of every process in the jail's cgroup, from the scheduler's per-task account
    /// (/proc/PID/task/TID/schedstat, nanoseconds): a counter kept apart from the cgroup's.
    /// </summary>
    private long TasksCpuNanos(string jailId)
    {
        long total = 0;
        foreach (var pid in File.ReadAllLines(Path.Combine(fixture.CgroupDirectory("cpuacct", jailId), "cgroup.procs")))
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "schedstat"));
                total += long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static async Task WaitForOutput(TestJail test, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(File.Exists(test.StdoutPath(id)) && (await File.ReadAllTextAsync(test.StdoutPath(id), Cancel)).Contains("filled", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} did not get ready");
            await Task.Delay(50, Cancel);
        }

        // The writer's pages are charged when written; let the page cache settle.
        await Task.Delay(200, Cancel);
    }
}
