using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Tests.Commands;

public sealed class StopCommandTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stop_by_id_or_name_stops_it_and_prints_the_id(bool byName)
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("web");

        var result = await InProcessCli.RunAsync(server, "stop", byName ? "web" : workload.Id);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal([workload.Id], result.OutputLines);
        Assert.Equal(WorkloadState.Stopped, workload.State);
    }

    [Fact]
    public async Task Stop_of_an_unknown_workload_exits_2()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "stop", "ghost");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Empty(result.Output);
    }
}
