using System.Text.Json;
using Fleet.Jail.Bundles;

namespace Fleet.Jail.Tests;

/// <summary>An agent restart: a new runtime on the same state directory finds the jails an earlier one started.</summary>
public sealed class RecoverTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_jail_is_recovered_and_its_end_is_seen_by_polling()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("recovered", "sleep", "1000") with { MemoryLimitBytes = 32L << 20 };
        var original = await test.StartAsync(spec);
        await original.DisposeAsync();

        using var restarted = fixture.NewRuntime(test.StateDirectory);
        var jail = Assert.Single(restarted.Recover());
        test.Track(jail);

        Assert.Equal(spec.Id, jail.Id);
        Assert.Equal(original.HostPid, jail.HostPid);
        await Task.Delay(600, Cancel);
        Assert.False(jail.Exited.IsCompleted);

        var exit = await jail.StopAsync(TimeSpan.FromSeconds(10), Cancel);

        // The reaper forwarded SIGTERM to sleep and recorded its end in the bundle.
        Assert.Equal(new JailExit(128 + 15, null), exit);
        await jail.DisposeAsync();
        Assert.False(Directory.Exists(Path.Combine(test.StateDirectory, spec.Id)));
        Assert.False(Directory.Exists(fixture.CgroupDirectory("memory", spec.Id)));
    }

    [Fact]
    public async Task A_jail_that_ended_while_the_agent_was_away_is_recovered_as_ended()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("gone", "sleep", "1000");
        var original = await test.StartAsync(spec);
        await original.DisposeAsync();
        using (var killer = fixture.NewRuntime(test.StateDirectory))
        {
            var running = Assert.Single(killer.Recover());
            // PID 1 itself killed: the reaper has no chance to record the workload's end.
            using (var init = System.Diagnostics.Process.GetProcessById(running.HostPid))
            {
                init.Kill();
            }

            await running.Exited.WaitAsync(TimeSpan.FromSeconds(10), Cancel);
            // Let go without cleaning up, as an agent that dies at this point would.
        }

        using var restarted = fixture.NewRuntime(test.StateDirectory);
        var jail = Assert.Single(restarted.Recover());

        Assert.True(jail.Exited.IsCompleted);
        Assert.Equal("exit status lost: the agent restarted while the workload ran", (await jail.Exited).FailureReason);
        await jail.DisposeAsync();
        Assert.False(Directory.Exists(Path.Combine(test.StateDirectory, spec.Id)));
        Assert.False(Directory.Exists(fixture.CgroupDirectory("pids", spec.Id)));
    }

    [Fact]
    public async Task A_reused_pid_is_not_mistaken_for_the_jail()
    {
        await using var test = new TestJail(fixture);
        var bundle = JailBundle.Create(Path.Combine(test.StateDirectory, "reused"), new OciSpec
        {
            Process = new OciProcess { Args = ["sleep", "1"] },
            Root = new OciRoot(),
            Linux = new OciLinux { CgroupsPath = $"/{fixture.CgroupParent}/reused" },
        });
        // This test process is alive, but it did not start at tick 1.
        bundle.WriteState(new JailState(Environment.ProcessId, StartTime: 1));

        using var runtime = fixture.NewRuntime(test.StateDirectory);
        var jail = Assert.Single(runtime.Recover());

        Assert.True(jail.Exited.IsCompleted);
        await jail.DisposeAsync();
        Assert.False(Directory.Exists(bundle.Directory));
        Assert.True(JsonSerializer.Serialize(new JailState(1, 2), BundleJsonContext.Default.JailState).Contains("\"startTime\": 2", StringComparison.Ordinal));
    }

    [Fact]
    public void No_state_directory_means_nothing_to_recover()
    {
        using var runtime = fixture.NewRuntime(Path.Combine(fixture.TempRoot, "never-created"));

        Assert.Empty(runtime.Recover());
    }
}
