using System.Diagnostics;
using System.Globalization;

namespace Fleet.Jail.Tests.Attacks;

/// <summary>Issue 3, attack 5 (processes): a fork bomb fills its own cgroup and nothing else.</summary>
public sealed class ResourceAttackTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fork_bomb_stops_at_pids_max_while_the_host_and_a_sibling_jail_keep_working()
    {
        await using var test = new TestJail(fixture);
        // The shell's classic bomb; PID 1 then sleeps so the namespace outlives the first round.
        var bomb = test.Spec("bomb", "sh", "-c", "f() { f | f & }; f; exec sleep 1000") with { PidsLimit = 64, CpuMillis = 300 };
        var jail = await test.StartAsync(bomb);
        var pids = fixture.CgroupDirectory("pids", bomb.Id);

        var watch = Stopwatch.StartNew();
        while (ReadNumber(Path.Combine(pids, "pids.current")) < 64 || MaxEvents(pids) == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the bomb never reached pids.max: current {ReadNumber(Path.Combine(pids, "pids.current"))}");
            await Task.Delay(50, Cancel);
        }

        // Full, and forks keep being refused, yet the rest of the machine is unaffected.
        Assert.Equal("64", (await File.ReadAllTextAsync(Path.Combine(pids, "pids.max"), Cancel)).Trim());
        var (siblingExit, siblingOut) = await test.RunAsync(test.Spec("sibling", "sh", "-c", "echo sibling-ok"));
        Assert.Equal(new JailExit(0, null), siblingExit);
        Assert.Equal("sibling-ok\n", siblingOut);
        using (var host = Process.Start("/bin/true"))
        {
            await host.WaitForExitAsync(Cancel);
            Assert.Equal(0, host.ExitCode);
        }

        Assert.InRange(ReadNumber(Path.Combine(pids, "pids.current")), 1, 64);
        Assert.False(jail.Exited.IsCompleted);

        // Killing PID 1 takes the whole namespace with it.
        var exit = await jail.StopAsync(TimeSpan.Zero, Cancel);
        Assert.Equal(128 + 9, exit.ExitCode);
    }

    private static long ReadNumber(string path) => long.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);

    /// <summary>pids.events "max N": how many forks the limit refused.</summary>
    private static long MaxEvents(string cgroup) =>
        long.Parse(File.ReadAllText(Path.Combine(cgroup, "pids.events")).Split(' ', '\n')[1], CultureInfo.InvariantCulture);
}
