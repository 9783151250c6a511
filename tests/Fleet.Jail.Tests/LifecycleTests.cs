using System.Diagnostics;
using System.Globalization;
using Fleet.Jail.Processes;

namespace Fleet.Jail.Tests;

/// <summary>
/// Issue 3, "Lifecycle": PID 1 of every jail is a small reaper, the workload its child. It forwards
/// signals, reaps orphans, records the workload's end where a restarted agent finds it, and an OOM
/// kill is told apart from any other SIGKILL.
/// </summary>
public sealed class LifecycleTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pid_1_is_the_undumpable_reaper_and_the_workload_its_only_child()
    {
        await using var test = new TestJail(fixture);
        string[] script =
        [
            "echo ppid=$PPID",
            "cat /proc/1/comm",
            "tr '\\0' ' ' < /proc/1/cmdline; echo",
            "grep -E '^(Threads|VmRSS):' /proc/1/status | tr -s ' \\t' ' '",
            // Not dumpable: the jail's root cannot follow PID 1's links (the CVE-2019-5736 class).
            "readlink /proc/1/exe || echo exe-closed",
            "ls /proc/1/root/ >/dev/null 2>&1 && echo root-open || echo root-closed",
        ];

        var (exit, stdout) = await test.RunAsync(test.Spec("reaper", "sh", "-c", string.Join('\n', script)));

        Assert.Equal(new JailExit(0, null), exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ppid=1", lines[0]);
        Assert.Equal("fleet-reaper", lines[1]);
        Assert.StartsWith("fleet-reaper --reap ", lines[2], StringComparison.Ordinal);
        Assert.Equal("Threads: 1", lines[4]);
        // A static binary of a few KiB without libc or .NET runtime: its resident set stays tiny.
        var rssKiB = int.Parse(lines[3].Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.InRange(rssKiB, 1, 256);
        Assert.Equal(["exe-closed", "root-closed"], lines[5..]);
    }

    [Fact]
    public async Task Sigterm_reaches_the_workloads_trap_through_the_reaper()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("trap", "sh", "-c", "trap 'echo got-term; exit 42' TERM; echo ready; while true; do sleep 0.05; done");
        var jail = await test.StartAsync(spec);
        await WaitForOutputAsync(spec, "ready");

        var exit = await jail.StopAsync(TimeSpan.FromSeconds(20), Cancel);

        Assert.Equal(new JailExit(42, null), exit);
        Assert.Equal("ready\ngot-term\n", await File.ReadAllTextAsync(spec.StdoutPath, Cancel));
    }

    [Fact]
    public async Task A_workload_without_a_sigterm_handler_dies_of_it_at_once()
    {
        await using var test = new TestJail(fixture);
        var jail = await test.StartAsync(test.Spec("no-handler", "sleep", "1000"));
        var workload = await WorkloadHostPidAsync(jail);

        var watch = Stopwatch.StartNew();
        var exit = await jail.StopAsync(TimeSpan.FromSeconds(30), Cancel);

        // Not PID 1 any more, so SIGTERM's default action applies: no wait for the SIGKILL.
        Assert.Equal(new JailExit(128 + 15, null), exit);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stop took {watch.Elapsed}");
        Assert.True(workload > 0);
    }

    [Fact]
    public async Task Orphaned_zombies_are_reaped_by_pid_1()
    {
        await using var test = new TestJail(fixture);
        // "sleep 0.1" is orphaned twice over: its parent exec's "sleep 1", which never waits, and
        // exits; the zombie then belongs to PID 1. Counted once while it is a zombie, once after.
        const string Zombies = "grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l";
        var script = $"(sleep 0.1 & exec sleep 1) & sleep 0.5; {Zombies}; wait; sleep 0.3; {Zombies}";

        var (exit, stdout) = await test.RunAsync(test.Spec("zombies", "sh", "-c", script));

        Assert.Equal(new JailExit(0, null), exit);
        Assert.Equal(["1", "0"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim()));
    }

    [Fact]
    public async Task A_memory_hog_is_reported_as_oom_killed_while_the_host_and_a_sibling_jail_keep_working()
    {
        await using var test = new TestJail(fixture);
        var sibling = await test.StartAsync(test.Spec("oom-sibling", "sleep", "1000") with { MemoryLimitBytes = 32L << 20 });
        var hog = test.Spec("oom-hog", "sh", "-c", "a=$(head -c 200000000 /dev/zero | tr '\\0' x); echo survived") with
        {
            MemoryLimitBytes = 32L << 20,
        };

        var (exit, stdout) = await test.RunAsync(hog);

        Assert.Equal(new JailExit(128 + 9, null) { OomKilled = true }, exit);
        Assert.Equal("", stdout);
        Assert.False(sibling.Exited.IsCompleted);
        var (siblingExit, siblingOut) = await test.RunAsync(test.Spec("oom-after", "sh", "-c", "echo fine"));
        Assert.Equal(new JailExit(0, null), siblingExit);
        Assert.Equal("fine\n", siblingOut);
        using var host = Process.Start("/bin/true");
        await host.WaitForExitAsync(Cancel);
        Assert.Equal(0, host.ExitCode);
    }

    [Fact]
    public async Task A_kill_9_of_the_workload_is_137_and_not_an_oom_kill()
    {
        await using var test = new TestJail(fixture);
        var jail = await test.StartAsync(test.Spec("kill9", "sleep", "1000") with { MemoryLimitBytes = 32L << 20 });
        var workload = await WorkloadHostPidAsync(jail);

        using (var process = Process.GetProcessById(workload))
        {
            process.Kill();
        }

        var exit = await jail.Exited.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(new JailExit(128 + 9, null) { OomKilled = false }, exit);
    }

    [Fact]
    public async Task An_exit_code_survives_the_agent_that_started_the_jail()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("survives", "sh", "-c", "sleep 0.5; exit 7");
        int initPid;
        using (var agent = fixture.NewRuntime(test.StateDirectory))
        {
            var jail = await agent.StartAsync(spec, Cancel);
            initPid = jail.HostPid;
            // The agent dies: it lets go of the jail without waiting, and the jail keeps running.
            await jail.DisposeAsync();
        }

        Assert.True(Directory.Exists(Path.Combine(test.StateDirectory, spec.Id)));
        var watch = Stopwatch.StartNew();
        while (ProcessStat.Read(initPid) is { IsGone: false })
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the jail never ended");
            await Task.Delay(50, Cancel);
        }

        using var restarted = fixture.NewRuntime(test.StateDirectory);
        var recovered = Assert.Single(restarted.Recover());
        test.Track(recovered);

        Assert.True(recovered.Exited.IsCompleted);
        Assert.Equal(new JailExit(7, null), await recovered.Exited);
    }

    [Fact]
    public async Task A_recovered_running_jail_reports_the_exit_code_it_ends_with()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("recovered-exit", "sh", "-c", "sleep 1; exit 9");
        var original = await test.StartAsync(spec);
        await original.DisposeAsync();

        using var restarted = fixture.NewRuntime(test.StateDirectory);
        var jail = Assert.Single(restarted.Recover());
        test.Track(jail);
        Assert.False(jail.Exited.IsCompleted);

        Assert.Equal(new JailExit(9, null), await jail.Exited.WaitAsync(TimeSpan.FromSeconds(30), Cancel));
    }

    /// <summary>The host PID of the jail's workload: PID 1's only child.</summary>
    private static async Task<int> WorkloadHostPidAsync(IJail jail)
    {
        var children = $"/proc/{jail.HostPid}/task/{jail.HostPid}/children";
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var text = (await File.ReadAllTextAsync(children, Cancel)).Trim();
            if (text.Length > 0)
            {
                return int.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the workload never started");
            await Task.Delay(10, Cancel);
        }
    }

    private static async Task WaitForOutputAsync(JailSpec spec, string line)
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(spec.StdoutPath) || !(await File.ReadAllTextAsync(spec.StdoutPath, Cancel)).Contains(line, StringComparison.Ordinal))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the workload never wrote \"{line}\"");
            await Task.Delay(20, Cancel);
        }
    }
}
