using Fleet.Cli.Dev;

namespace Fleet.Cli.Tests.Dev;

/// <summary>ProcessTable against fixture /proc trees: a pid is "running" only while alive and still the program started.</summary>
public sealed class ProcessTableTests
{
    [Fact]
    public void A_live_process_running_the_program_is_running()
    {
        using var proc = new FakeProc();
        proc.Add(100, "fleet-agent", 'S', "/opt/fleet/bin/agent/fleet-agent", "--Agent:StateDirectory=/x");

        Assert.True(new ProcessTable(proc.Path).IsRunning(100, "fleet-agent"));
    }

    [Fact]
    public void The_program_under_the_dotnet_host_counts()
    {
        using var proc = new FakeProc();
        proc.Add(100, "dotnet", 'R', "/usr/bin/dotnet", "/opt/fleet/bin/agent/fleet-agent.dll");

        Assert.True(new ProcessTable(proc.Path).IsRunning(100, "fleet-agent"));
    }

    [Fact]
    public void A_reused_pid_running_another_program_is_not_running()
    {
        using var proc = new FakeProc();
        proc.Add(100, "bash", 'S', "/bin/bash", "fleet-agent");

        Assert.False(new ProcessTable(proc.Path).IsRunning(100, "fleet-agent"));
    }

    [Theory]
    [InlineData('Z')]
    [InlineData('X')]
    public void A_zombie_or_dead_process_is_not_running(char state)
    {
        using var proc = new FakeProc();
        proc.Add(100, "fleet-agent", state, "/opt/fleet/bin/agent/fleet-agent");

        Assert.False(new ProcessTable(proc.Path).IsRunning(100, "fleet-agent"));
    }

    [Fact]
    public void A_command_name_holding_a_parenthesis_does_not_confuse_the_state()
    {
        using var proc = new FakeProc();
        proc.Add(100, "odd) Z (name", 'S', "/opt/fleet/bin/agent/fleet-agent");

        Assert.True(new ProcessTable(proc.Path).IsRunning(100, "fleet-agent"));
    }

    [Fact]
    public void A_pid_that_is_gone_is_not_running()
    {
        using var proc = new FakeProc();

        Assert.False(new ProcessTable(proc.Path).IsRunning(100, "fleet-agent"));
    }

    [Fact]
    public void This_test_process_is_running_under_the_real_proc_but_not_as_a_fleet_program()
    {
        var table = new ProcessTable();
        var self = Environment.ProcessId;
        var program = Path.GetFileName(Environment.ProcessPath!);

        Assert.True(table.IsRunning(self, program));
        Assert.False(table.IsRunning(self, "fleet-agent"));
    }
}
