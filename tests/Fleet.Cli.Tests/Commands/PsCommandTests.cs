using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Google.Protobuf;

namespace Fleet.Cli.Tests.Commands;

public sealed class PsCommandTests
{
    [Fact]
    public async Task Ps_prints_one_line_per_workload_with_id_name_node_state_and_age()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var old = server.Workloads.Add("old-one", WorkloadState.Exited, "node-b", InProcessCli.Now.AddDays(-4).AddHours(-3));
        var pending = server.Workloads.Add("waiting", WorkloadState.Pending, "", InProcessCli.Now.AddMinutes(-3));
        var hello = server.Workloads.Add("hello", WorkloadState.Running, "node-a", InProcessCli.Now.AddSeconds(-5));

        var result = await InProcessCli.RunAsync(server, "ps");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var rows = result.OutputLines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(["ID", "NAME", "NODE", "STATE", "AGE"], rows[0]);
        Assert.Equal([hello.Id, "hello", "node-a", "running", "5s"], rows[1]);
        Assert.Equal([pending.Id, "waiting", "-", "pending", "3m"], rows[2]);
        Assert.Equal([old.Id, "old-one", "node-b", "exited", "4d"], rows[3]);
        Assert.Equal(4, rows.Length);
    }

    [Fact]
    public async Task Ps_columns_line_up()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.Add("a", createdAt: InProcessCli.Now);
        server.Workloads.Add("a-much-longer-name", createdAt: InProcessCli.Now);

        var result = await InProcessCli.RunAsync(server, "ps");

        var lines = result.OutputLines;
        var nodeColumn = lines[0].IndexOf("NODE", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.Equal("node-a", line.Substring(nodeColumn, 6)));
    }

    [Fact]
    public async Task Ps_follows_every_page()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.MaxPageSize = 2;
        for (var i = 0; i < 5; i++)
        {
            server.Workloads.Add($"w{i}");
        }

        var result = await InProcessCli.RunAsync(server, "ps");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(6, result.OutputLines.Length);
        Assert.Equal(["", "2", "4"], server.Workloads.ListRequests.Select(r => r.PageToken));
        Assert.Equal(server.Workloads.Stored.Select(w => w.Id), result.OutputLines.Skip(1).Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task Ps_with_no_workloads_prints_the_header_only()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "ps");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(["ID   NAME   NODE   STATE   AGE"], result.OutputLines);
    }

    [Fact]
    public async Task Ps_json_is_one_object_with_every_workload_of_every_page()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.MaxPageSize = 1;
        server.Workloads.Add("one", WorkloadState.Exited);
        server.Workloads.Stored[0].ExitCode = 0;
        server.Workloads.Add("two");

        var result = await InProcessCli.RunAsync(server, "ps", "-o", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var parsed = JsonParser.Default.Parse<ListWorkloadsResponse>(result.Output);
        Assert.Equal(server.Workloads.Stored, parsed.Workloads);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        var first = json.RootElement.GetProperty("workloads")[0];
        Assert.Equal("WORKLOAD_STATE_RUNNING", first.GetProperty("state").GetString());
        Assert.Equal("node-a", first.GetProperty("nodeId").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("workloads")[1].GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Ps_json_with_no_workloads_still_has_the_list()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "ps", "--output", "json");

        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal(0, json.RootElement.GetProperty("workloads").GetArrayLength());
    }
}
