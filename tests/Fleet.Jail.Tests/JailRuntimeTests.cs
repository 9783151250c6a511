using System.Diagnostics;
using System.Globalization;
using Fleet.Jail.Security;

namespace Fleet.Jail.Tests;

/// <summary>Real jails: run as root against this machine's kernel and cgroups.</summary>
public sealed class JailRuntimeTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Echo_to_stdout_lands_in_the_log_file()
    {
        await using var test = new TestJail(fixture);

        var (exit, stdout) = await test.RunAsync(test.Spec("echo", "/bin/echo", "hello"));

        Assert.Equal(new JailExit(0, null), exit);
        Assert.Equal("hello\n", stdout);
    }

    [Fact]
    public async Task Stderr_goes_to_its_own_log_and_stdin_is_empty()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("stderr", "sh", "-c", "echo out; echo err >&2; cat; echo end");

        var (exit, stdout) = await test.RunAsync(spec);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("out\nend\n", stdout);
        Assert.Equal("err\n", await File.ReadAllTextAsync(spec.StderrPath, Cancel));
    }

    [Fact]
    public async Task The_workload_inherits_only_stdin_stdout_and_stderr()
    {
        await using var test = new TestJail(fixture);

        // ls itself opens one fd (3) to read the directory.
        var (_, stdout) = await test.RunAsync(test.Spec("fds", "ls", "/proc/self/fd"));

        Assert.Equal("0\n1\n2\n3\n", stdout);
    }

    [Fact]
    public async Task Logs_are_appended_not_truncated()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("append", "/bin/echo", "second");
        Directory.CreateDirectory(Path.GetDirectoryName(spec.StdoutPath)!);
        await File.WriteAllTextAsync(spec.StdoutPath, "first\n", Cancel);

        var (_, stdout) = await test.RunAsync(spec);

        Assert.Equal("first\nsecond\n", stdout);
    }

    [Fact]
    public async Task Exit_code_propagates()
    {
        await using var test = new TestJail(fixture);

        var (exit, _) = await test.RunAsync(test.Spec("exit3", "sh", "-c", "exit 3"));

        Assert.Equal(new JailExit(3, null), exit);
    }

    [Fact]
    public async Task Workload_is_the_child_of_pid_1_and_has_the_spec_hostname()
    {
        await using var test = new TestJail(fixture);

        var (exit, stdout) = await test.RunAsync(test.Spec("whoami-jail", "sh", "-c", "echo $PPID; hostname"));

        Assert.Equal(0, exit.ExitCode);
        // PID 1 is the jail's reaper (LifecycleTests); the workload is its child.
        Assert.Equal("1\nwhoami-jail\n", stdout);
        Assert.NotEqual("whoami-jail", Environment.MachineName);
    }

    [Fact]
    public async Task Environment_and_path_come_from_the_spec()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("env", "sh", "-c", "echo $GREETING; echo $PATH; pwd") with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hi there" },
        };

        var (_, stdout) = await test.RunAsync(spec);

        Assert.Equal("hi there\n/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n/\n", stdout);
    }

    [Fact]
    public async Task Host_files_outside_the_rootfs_and_host_processes_are_not_visible()
    {
        await using var test = new TestJail(fixture);
        var marker = Path.Combine(test.Directory, "host-marker");
        await File.WriteAllTextAsync(marker, "host", Cancel);
        var script = $"test -e {marker} && echo visible || echo hidden; ls /proc | grep -c '^[0-9]'";

        var (exit, stdout) = await test.RunAsync(test.Spec("marker", "sh", "-c", script));

        Assert.Equal(0, exit.ExitCode);
        // Only the reaper, the shell and its ls and grep: no host process is in the jail's /proc.
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("hidden", lines[0]);
        Assert.InRange(int.Parse(lines[1], CultureInfo.InvariantCulture), 1, 4);
    }

    [Fact]
    public async Task Writes_go_to_the_overlay_and_never_to_the_rootfs()
    {
        await using var test = new TestJail(fixture);

        var (exit, stdout) = await test.RunAsync(test.Spec("writer", "sh", "-c", "echo x > /etc/written && cat /etc/written"));

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("x\n", stdout);
        Assert.False(File.Exists(Path.Combine(fixture.RootfsPath, "etc", "written")));
    }

    [Fact]
    public async Task The_network_namespace_has_only_loopback_and_it_is_up()
    {
        await using var test = new TestJail(fixture);
        var script = "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; cat /sys/class/net/lo/flags; ping -c 1 -W 1 127.0.0.1 >/dev/null && echo ping-ok";
        // Debian's busybox ping knows only raw ICMP sockets, so this jail gets NET_RAW back.
        var spec = test.Spec("net", "sh", "-c", script) with { Security = JailSecurity.Default with { AddCapabilities = ["NET_RAW"] } };

        var (exit, stdout) = await test.RunAsync(spec);

        Assert.Equal(0, exit.ExitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("lo", lines[0]);
        // IFF_UP (0x1) set on lo.
        Assert.Equal(1, Convert.ToInt32(lines[1], 16) & 1);
        Assert.Equal("ping-ok", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Dev_has_the_minimal_devices_and_sys_is_read_only()
    {
        await using var test = new TestJail(fixture);
        var script = "ls /dev | tr '\\n' ' '; echo; head -c 4 /dev/zero | wc -c; touch /sys/x 2>/dev/null && echo sys-rw || echo sys-ro";

        var (exit, stdout) = await test.RunAsync(test.Spec("dev", "sh", "-c", script));

        Assert.Equal(0, exit.ExitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin", "stdout", "tty", "urandom", "zero"],
            lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Equal("4", lines[1].Trim());
        Assert.Equal("sys-ro", lines[2]);
    }

    [Fact]
    public async Task Memory_and_cpu_limits_are_written_and_the_workload_runs_inside_its_cgroup()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("limits", "sh", "-c", "cat /proc/self/cgroup; exec sleep 1000") with
        {
            MemoryLimitBytes = 64L * 1024 * 1024,
            CpuMillis = 500,
        };

        var jail = await test.StartAsync(spec);
        var stdout = await WaitForOutputAsync(spec.StdoutPath, "memory:");

        var memory = fixture.CgroupDirectory("memory", spec.Id);
        var cpu = fixture.CgroupDirectory("cpu", spec.Id);
        Assert.Equal("67108864", ReadTrimmed(Path.Combine(memory, "memory.limit_in_bytes")));
        Assert.Equal("67108864", ReadTrimmed(Path.Combine(memory, "memory.memsw.limit_in_bytes")));
        Assert.Equal("100000", ReadTrimmed(Path.Combine(cpu, "cpu.cfs_period_us")));
        Assert.Equal("50000", ReadTrimmed(Path.Combine(cpu, "cpu.cfs_quota_us")));
        var pid = jail.HostPid.ToString(CultureInfo.InvariantCulture);
        foreach (var controller in (string[])["memory", "cpu", "cpuacct", "pids"])
        {
            Assert.Contains(pid, ReadTrimmed(Path.Combine(fixture.CgroupDirectory(controller, spec.Id), "cgroup.procs")).Split('\n'));
        }

        Assert.Contains($":memory:/{fixture.CgroupParent}/{spec.Id}\n", await File.ReadAllTextAsync($"/proc/{pid}/cgroup", Cancel));
        // Inside, the workload saw its own cgroup as the root of its cgroup namespace: it was in
        // the jail's cgroup before its execve, since the init unshares the namespace after joining.
        Assert.Contains(":memory:/\n", stdout);
    }

    [Theory]
    [InlineData("no-such-command", "exec \"no-such-command\": No such file or directory")]
    [InlineData("/bin/nope", "exec \"/bin/nope\": No such file or directory")]
    [InlineData("/etc/passwd", "exec \"/etc/passwd\": Permission denied")]
    [InlineData("/etc", "exec \"/etc\": Permission denied")]
    public async Task A_command_that_cannot_run_gives_a_failure_reason(string command, string reason)
    {
        await using var test = new TestJail(fixture);

        var (exit, _) = await test.RunAsync(test.Spec("nope", command));

        Assert.Equal(new JailExit(null, reason), exit);
    }

    [Fact]
    public async Task A_workload_over_its_memory_limit_is_killed_by_the_oom_killer_inside_its_cgroup()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("hog", "sh", "-c", "a=$(head -c 100000000 /dev/zero | tr '\\0' x); echo survived") with
        {
            MemoryLimitBytes = 16L * 1024 * 1024,
        };

        var jail = await test.StartAsync(spec);
        var exit = await jail.Exited.WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        Assert.Equal(new JailExit(128 + 9, null) { OomKilled = true }, exit);
        var oomControl = await File.ReadAllTextAsync(Path.Combine(fixture.CgroupDirectory("memory", spec.Id), "memory.oom_control"), Cancel);
        // The kernel counts the kill in the jail's own cgroup: an OOM kill told apart from any other SIGKILL.
        var oomKills = oomControl.Split('\n').Single(line => line.StartsWith("oom_kill ", StringComparison.Ordinal));
        Assert.True(int.Parse(oomKills["oom_kill ".Length..], CultureInfo.InvariantCulture) >= 1, oomControl);
    }

    [Fact]
    public async Task StopAsync_kills_a_workload_that_ignores_SIGTERM_after_the_grace_period()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("sleeper", "sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.05; done");
        var jail = await test.StartAsync(spec);
        var ready = Stopwatch.StartNew();
        while (!File.Exists(spec.StdoutPath) || (await File.ReadAllTextAsync(spec.StdoutPath, Cancel)).Length == 0)
        {
            Assert.True(ready.Elapsed < TimeSpan.FromSeconds(10), "the workload never set its trap");
            await Task.Delay(20, Cancel);
        }

        Assert.False(jail.Exited.IsCompleted);

        var watch = Stopwatch.StartNew();
        var exit = await jail.StopAsync(TimeSpan.FromMilliseconds(300), Cancel);

        // The reaper forwards SIGTERM, the workload ignores it: only the SIGKILL of PID 1 ends the jail.
        Assert.Equal(new JailExit(128 + 9, null), exit);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"stopped after {watch.Elapsed}");
        Assert.Same(exit, await jail.StopAsync(TimeSpan.Zero, Cancel));
    }

    [Fact]
    public async Task StopAsync_lets_a_workload_that_handles_SIGTERM_exit_on_its_own()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("trapper", "sh", "-c", "trap 'echo bye; exit 7' TERM; echo ready; while true; do sleep 0.05; done");
        var jail = await test.StartAsync(spec);
        await WaitForOutputAsync(spec.StdoutPath, "ready");

        var exit = await jail.StopAsync(TimeSpan.FromSeconds(20), Cancel);

        Assert.Equal(new JailExit(7, null), exit);
        Assert.EndsWith("bye\n", await File.ReadAllTextAsync(spec.StdoutPath, Cancel));
    }

    [Fact]
    public async Task After_dispose_no_cgroup_mount_process_or_bundle_is_left_but_the_logs_are()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("leftovers", "sh", "-c", "echo up; exec sleep 1000");
        var jail = await test.StartAsync(spec);
        await WaitForOutputAsync(spec.StdoutPath, "up");
        var bundle = Path.Combine(test.StateDirectory, spec.Id);
        var pid = jail.HostPid;
        Assert.True(Directory.Exists(bundle));
        Assert.True(Directory.Exists(fixture.CgroupDirectory("memory", spec.Id)));
        // The overlay and the jail's other mounts exist only in the jail's mount namespace.
        Assert.DoesNotContain(bundle, await File.ReadAllTextAsync("/proc/self/mountinfo", Cancel));
        Assert.Contains(bundle, await File.ReadAllTextAsync($"/proc/{pid}/mountinfo", Cancel));

        await jail.StopAsync(TimeSpan.Zero, Cancel);
        await jail.DisposeAsync();

        foreach (var controller in (string[])["memory", "cpu", "cpuacct", "pids"])
        {
            Assert.False(Directory.Exists(fixture.CgroupDirectory(controller, spec.Id)), controller);
        }

        Assert.False(Directory.Exists(bundle));
        Assert.DoesNotContain(bundle, await File.ReadAllTextAsync("/proc/self/mountinfo", Cancel));
        Assert.False(IsAlive(pid));
        Assert.Equal("up\n", await File.ReadAllTextAsync(spec.StdoutPath, Cancel));
    }

    [Fact]
    public async Task Disposing_a_running_jail_leaves_it_running_for_Recover()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("survivor", "sleep", "1000");
        var jail = await test.StartAsync(spec);

        await jail.DisposeAsync();

        Assert.True(IsAlive(jail.HostPid));
        Assert.True(Directory.Exists(Path.Combine(test.StateDirectory, spec.Id)));
        using var restarted = fixture.NewRuntime(test.StateDirectory);
        var recovered = Assert.Single(restarted.Recover());
        test.Track(recovered);
        Assert.Equal(jail.HostPid, recovered.HostPid);
    }

    [Fact]
    public async Task Starting_a_jail_id_that_exists_fails_and_leaves_the_first_alone()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("twice", "sleep", "1000");
        var first = await test.StartAsync(spec);

        var error = await Assert.ThrowsAsync<JailException>(() => test.Runtime.StartAsync(spec, Cancel));

        Assert.Contains("already exists", error.Message);
        Assert.False(first.Exited.IsCompleted);
    }

    [Fact]
    public async Task A_missing_rootfs_fails_before_anything_is_created()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("norootfs", "true") with { RootfsPath = Path.Combine(test.Directory, "absent") };

        var error = await Assert.ThrowsAsync<JailException>(() => test.Runtime.StartAsync(spec, Cancel));

        Assert.Contains("absent", error.Message);
        Assert.False(Directory.Exists(Path.Combine(test.StateDirectory, spec.Id)));
    }

    [Fact]
    public async Task Starting_true_takes_milliseconds()
    {
        await using var test = new TestJail(fixture);
        await test.RunAsync(test.Spec("warm", "true"));
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var jail = await test.Runtime.StartAsync(test.Spec($"true-{i}", "/bin/true"), Cancel);
            var exit = await jail.Exited.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
            times.Add(watch.Elapsed.TotalMilliseconds);
            await jail.DisposeAsync();
            Assert.Equal(0, exit.ExitCode);
        }

        times.Sort();
        var median = times[times.Count / 2];
        TestContext.Current.TestOutputHelper?.WriteLine($"/bin/true start to exit: median {median:F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms");
        Assert.InRange(median, 0, 1000);
    }

    private static async Task<string> WaitForOutputAsync(string path, string expected)
    {
        for (var i = 0; i < 300; i++)
        {
            if (File.Exists(path) && await File.ReadAllTextAsync(path, Cancel) is var text && text.Contains(expected, StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(20, Cancel);
        }

        throw new TimeoutException($"\"{expected}\" never appeared in {path}");
    }

    private static string ReadTrimmed(string path) => File.ReadAllText(path).Trim();

    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1][0] is not ('Z' or 'X');
}
