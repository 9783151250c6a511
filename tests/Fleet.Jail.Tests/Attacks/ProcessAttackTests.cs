using System.Globalization;

namespace Fleet.Jail.Tests.Attacks;

/// <summary>Issue 3, attack 2: a jail cannot see, signal or trace any process outside it.</summary>
public sealed class ProcessAttackTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Host_and_sibling_processes_cannot_be_signalled_or_traced_and_proc_lists_only_the_jail()
    {
        await fixture.InstallProbeAsync();
        await using var test = new TestJail(fixture);
        var sibling = await test.StartAsync(test.Spec("sibling", "sleep", "1000"));
        var host = Environment.ProcessId;
        var script = $"fleet-probe kill {host}; fleet-probe ptrace {host}; fleet-probe kill {sibling.HostPid}; fleet-probe ptrace {sibling.HostPid}; ls /proc | grep -E '^[0-9]+$'";

        var (exit, stdout) = await test.RunAsync(test.Spec("signaller", "sh", "-c", script));

        Assert.Equal(new JailExit(0, null), exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The kernel's answer is "no such process", not "not allowed": those PIDs do not exist in the jail.
        Assert.Equal(["kill: ESRCH", "ptrace: ESRCH", "kill: ESRCH", "ptrace: ESRCH"], lines[..4]);
        var pids = lines[4..].Select(line => int.Parse(line, CultureInfo.InvariantCulture)).ToList();
        // The shell (PID 1), ls and grep: nothing else, and none of the host's PIDs.
        Assert.Contains(1, pids);
        // The reaper (PID 1), the shell, ls and grep.
        Assert.InRange(pids.Count, 1, 4);
        Assert.All(pids, pid => Assert.InRange(pid, 1, 20));
        Assert.False(sibling.Exited.IsCompleted);
    }
}
