using Fleet.Cli.Dev;

using Fleet.Cli.Tests.Fakes;

namespace Fleet.Cli.Tests.Dev;

/// <summary>The pid-file side of DevNode; starting and stopping real processes is the end-to-end tests' job.</summary>
public sealed class DevNodeTests
{
    [Fact]
    public void The_layout_puts_everything_under_the_data_directory()
    {
        var layout = new DevLayout("/var/lib/fleet");

        Assert.Equal("/var/lib/fleet/dev/controlplane.pid", layout.PidFile(DevComponent.ControlPlane));
        Assert.Equal("/var/lib/fleet/dev/agent.pid", layout.PidFile(DevComponent.Agent));
        Assert.Equal("/var/lib/fleet/logs/controlplane.log", layout.LogFile(DevComponent.ControlPlane));
        Assert.Equal("/var/lib/fleet/logs/agent.log", layout.LogFile(DevComponent.Agent));
    }

    [Fact]
    public void The_components_start_from_the_published_layout_with_their_directories()
    {
        var layout = new DevLayout("/data");

        Assert.Equal("/bin-dir/controlplane/fleet-controlplane", DevComponent.ControlPlane.ExecutablePath("/bin-dir"));
        Assert.Equal("/bin-dir/agent/fleet-agent", DevComponent.Agent.ExecutablePath("/bin-dir"));
        Assert.Equal(["--Fleet:DataDirectory=/data/controlplane"], DevComponent.ControlPlane.Arguments(layout));
        Assert.Equal(["--Agent:StateDirectory=/data/agent", "--Agent:RootfsDirectory=/data/rootfs"], DevComponent.Agent.Arguments(layout));
        Assert.Equal([DevComponent.ControlPlane, DevComponent.Agent], DevComponent.All);
    }

    [Fact]
    public void Running_lists_only_recorded_pids_that_still_run_their_program()
    {
        using var data = new TemporaryDirectory();
        using var proc = new FakeProc();
        var layout = new DevLayout(data.Path);
        layout.CreateDirectories();
        PidFile.Write(layout.PidFile(DevComponent.ControlPlane), 200);
        PidFile.Write(layout.PidFile(DevComponent.Agent), 300);
        proc.Add(200, 'S', "/opt/bin/controlplane/fleet-controlplane");
        proc.Add(300, 'S', "/usr/bin/vim");

        var running = new DevNode(layout, new ProcessTable(proc.Path), TimeProvider.System).Running();

        Assert.Equal([(DevComponent.ControlPlane, 200)], running);
    }

    [Fact]
    public async Task Stop_with_only_stale_pid_files_signals_nothing_and_removes_them()
    {
        using var data = new TemporaryDirectory();
        var layout = new DevLayout(data.Path);
        layout.CreateDirectories();
        // This test process is alive, but it is not fleet-controlplane: a reused pid must not be signalled.
        PidFile.Write(layout.PidFile(DevComponent.ControlPlane), Environment.ProcessId);
        File.WriteAllText(layout.PidFile(DevComponent.Agent), "garbage");

        var stopped = await new DevNode(layout, new ProcessTable(), TimeProvider.System).StopAsync(CancellationToken.None);

        Assert.Empty(stopped);
        Assert.False(File.Exists(layout.PidFile(DevComponent.ControlPlane)));
        Assert.False(File.Exists(layout.PidFile(DevComponent.Agent)));
    }

    [Fact]
    public async Task Stopping_what_one_start_launched_leaves_a_pid_file_that_names_another_process()
    {
        using var data = new TemporaryDirectory();
        using var proc = new FakeProc();
        var layout = new DevLayout(data.Path);
        layout.CreateDirectories();
        // Since this start launched pid 200 and 300, a concurrent start recorded its own control plane.
        PidFile.Write(layout.PidFile(DevComponent.ControlPlane), 201);
        PidFile.Write(layout.PidFile(DevComponent.Agent), 300);

        await new DevNode(layout, new ProcessTable(proc.Path), TimeProvider.System)
            .StopAsync([(DevComponent.ControlPlane, 200), (DevComponent.Agent, 300)], CancellationToken.None);

        Assert.Equal(201, PidFile.Read(layout.PidFile(DevComponent.ControlPlane)));
        Assert.Null(PidFile.Read(layout.PidFile(DevComponent.Agent)));
    }

    [Fact]
    public async Task Dev_stop_with_nothing_running_says_so_and_exits_0()
    {
        using var data = new TemporaryDirectory();

        var result = await InProcessCli.RunAsync(["dev", "stop", "--data-dir", data.Path]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal([$"no dev node was running (no live process recorded in {data.Combine("dev")})"], result.OutputLines);
    }
}
