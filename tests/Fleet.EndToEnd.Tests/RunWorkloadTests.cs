using System.Text.Json;
using Fleet.Contracts.V1;

namespace Fleet.EndToEnd.Tests;

/// <summary>A user runs workloads through the <c>fleet</c> CLI against a real single-node Fleet.</summary>
public sealed class RunWorkloadTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private FleetCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Echo_runs_in_a_jail_and_its_output_and_exit_code_are_shown()
    {
        var run = await Cluster.FleetAsync("run", "--name", "hello", "--memory", "64Mi", "--cpu", "0.5", "--", "/bin/echo", "hello");
        Assert.True(run.ExitCode == 0, run.ToString());
        var id = run.Stdout.Trim().Split('\n')[0].Trim();
        Assert.StartsWith("w-", id, StringComparison.Ordinal);

        await Cluster.WaitForStateAsync("hello", WorkloadState.Exited, WorkloadState.Failed);

        var logs = await Cluster.FleetAsync("logs", "hello");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal("hello", logs.Stdout.Trim());

        var get = await Cluster.FleetAsync("get", id, "-o", "json");
        Assert.True(get.ExitCode == 0, get.ToString());
        using var json = JsonDocument.Parse(get.Stdout);
        Assert.Equal("WORKLOAD_STATE_EXITED", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal("hello", json.RootElement.GetProperty("spec").GetProperty("name").GetString());
        Assert.Equal(
            ["WORKLOAD_STATE_PENDING", "WORKLOAD_STATE_STARTING", "WORKLOAD_STATE_RUNNING", "WORKLOAD_STATE_EXITED"],
            json.RootElement.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_workload_sees_itself_as_pid_1_under_its_own_host_name()
    {
        var run = await Cluster.FleetAsync("run", "--name", "whoami", "--", "sh", "-c", "echo pid=$$ host=$(hostname)");
        Assert.True(run.ExitCode == 0, run.ToString());

        var workload = await Cluster.WaitForStateAsync("whoami", WorkloadState.Exited, WorkloadState.Failed);
        Assert.True(workload.State == WorkloadState.Exited, $"{workload}\n{Cluster.Diagnostics()}");

        var logs = await Cluster.FleetAsync("logs", "whoami");
        // PID 1 is the jail's reaper; the workload is its child, numbered after the init's few threads.
        Assert.Matches("^pid=[1-9] host=whoami$", logs.Stdout.Trim());
        Assert.NotEqual("whoami", Environment.MachineName);
    }

    [Fact]
    public async Task A_non_zero_exit_code_is_recorded()
    {
        var run = await Cluster.FleetAsync("run", "--name", "exit-7", "--", "sh", "-c", "echo oops >&2; exit 7");
        Assert.True(run.ExitCode == 0, run.ToString());

        var workload = await Cluster.WaitForStateAsync("exit-7", WorkloadState.Exited, WorkloadState.Failed);
        Assert.Equal(WorkloadState.Exited, workload.State);
        Assert.Equal(7, workload.ExitCode);

        var logs = await Cluster.FleetAsync("logs", "exit-7");
        Assert.Equal("oops", logs.Stderr.Trim());
        Assert.Equal("", logs.Stdout.Trim());
    }

    [Fact]
    public async Task Stop_ends_a_running_workload()
    {
        var run = await Cluster.FleetAsync("run", "--name", "sleeper", "--", "sleep", "1000");
        Assert.True(run.ExitCode == 0, run.ToString());
        await Cluster.WaitForStateAsync("sleeper", WorkloadState.Running);

        var stop = await Cluster.FleetAsync("stop", "sleeper");
        Assert.True(stop.ExitCode == 0, stop.ToString());

        var workload = await Cluster.WaitForStateAsync("sleeper", WorkloadState.Stopped, WorkloadState.Exited, WorkloadState.Failed);
        Assert.Equal(WorkloadState.Stopped, workload.State);
    }

    [Fact]
    public async Task Follow_streams_logs_until_the_workload_ends()
    {
        var run = await Cluster.FleetAsync("run", "--name", "counter", "--", "sh", "-c", "for i in 1 2 3; do echo $i; sleep 0.3; done");
        Assert.True(run.ExitCode == 0, run.ToString());

        var logs = await Cluster.FleetAsync("logs", "-f", "counter");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal("1\n2\n3", logs.Stdout.Trim());
    }

    [Fact]
    public async Task Bad_input_is_rejected_naming_the_field_and_nothing_is_stored()
    {
        var before = await Cluster.FleetAsync("ps", "-o", "json");

        var tooBig = await Cluster.FleetAsync("run", "--name", "huge", "--memory", "64Ti", "--", "/bin/true");
        Assert.True(tooBig.ExitCode == 3, tooBig.ToString());
        Assert.Contains("memory", tooBig.Stderr, StringComparison.Ordinal);

        var badName = await Cluster.FleetAsync("run", "--name", "Not_A_Label", "--", "/bin/true");
        Assert.True(badName.ExitCode == 3, badName.ToString());
        Assert.Contains("spec.name", badName.Stderr, StringComparison.Ordinal);

        var unknownRootfs = await Cluster.FleetAsync("run", "--rootfs", "no-such-rootfs", "--", "/bin/true");
        Assert.True(unknownRootfs.ExitCode == 3, unknownRootfs.ToString());
        Assert.Contains("spec.rootfs", unknownRootfs.Stderr, StringComparison.Ordinal);

        var noCommand = await Cluster.FleetAsync("run", "--name", "nothing");
        Assert.NotEqual(0, noCommand.ExitCode);

        var unknown = await Cluster.FleetAsync("get", "w-doesnotexist");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());

        var after = await Cluster.FleetAsync("ps", "-o", "json");
        Assert.Equal(Names(before.Stdout), Names(after.Stdout));
    }

    [Fact]
    public async Task Ps_and_nodes_show_the_cluster()
    {
        var run = await Cluster.FleetAsync("run", "--name", "listed", "--", "/bin/true");
        Assert.True(run.ExitCode == 0, run.ToString());
        await Cluster.WaitForStateAsync("listed", WorkloadState.Exited);

        var ps = await Cluster.FleetAsync("ps");
        Assert.True(ps.ExitCode == 0, ps.ToString());
        Assert.Contains(ps.Stdout.Split('\n'), line => line.Contains("listed", StringComparison.Ordinal) && line.Contains("node-1", StringComparison.Ordinal));

        var nodes = await Cluster.FleetAsync("nodes");
        Assert.True(nodes.ExitCode == 0, nodes.ToString());
        Assert.Contains(nodes.Stdout.Split('\n'), line => line.Contains("node-1", StringComparison.Ordinal) && line.Contains("READY", StringComparison.OrdinalIgnoreCase));
    }

    private static string[] Names(string psJson)
    {
        using var json = JsonDocument.Parse(psJson);
        var list = json.RootElement.ValueKind == JsonValueKind.Array
            ? json.RootElement
            : json.RootElement.GetProperty("workloads");
        return [.. list.EnumerateArray().Select(w => w.GetProperty("spec").GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
    }
}
