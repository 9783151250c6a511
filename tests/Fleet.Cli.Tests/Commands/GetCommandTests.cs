using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.Cli.Tests.Commands;

public sealed class GetCommandTests
{
    [Fact]
    public async Task Get_shows_spec_state_node_exit_code_reason_and_history()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = Exited(server);

        var result = await InProcessCli.RunAsync(server, "get", workload.Id);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var text = result.Output;
        Assert.Contains($"ID:         {workload.Id}\n", text, StringComparison.Ordinal);
        Assert.Contains("Name:       hello\n", text, StringComparison.Ordinal);
        Assert.Contains("State:      exited\n", text, StringComparison.Ordinal);
        Assert.Contains("Node:       node-a\n", text, StringComparison.Ordinal);
        Assert.Contains("Exit code:  0\n", text, StringComparison.Ordinal);
        Assert.Contains("Reason:     process exited\n", text, StringComparison.Ordinal);
        Assert.Contains("Created:    2025-06-01T11:59:50.000Z (10s ago)\n", text, StringComparison.Ordinal);
        Assert.Contains("  Command:  /bin/sh -c 'echo hello world'\n", text, StringComparison.Ordinal);
        Assert.Contains("  Memory:   64Mi\n", text, StringComparison.Ordinal);
        Assert.Contains("  CPU:      0.5\n", text, StringComparison.Ordinal);
        Assert.Contains("  Rootfs:   busybox\n", text, StringComparison.Ordinal);
        Assert.Contains("    GREETING=hi\n", text, StringComparison.Ordinal);
        var history = text[text.IndexOf("History:", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, history.Length);
        Assert.Matches(@"^\s+2025-06-01T11:59:50\.000Z\s+pending\s+waiting for a node$", history[2]);
        Assert.Matches(@"^\s+2025-06-01T11:59:52\.000Z\s+exited\s+process exited$", history[4]);
    }

    [Fact]
    public async Task Get_finds_a_workload_by_name()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = Exited(server);

        var result = await InProcessCli.RunAsync(server, "get", "hello");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(workload.Id, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_an_unplaced_workload_says_so_and_why()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("big", WorkloadState.Pending, "");
        workload.Reason = "no node has 8Gi free";

        var result = await InProcessCli.RunAsync(server, "get", "big");

        Assert.Contains("Node:       (not placed)\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Exit code:  -\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Reason:     no node has 8Gi free\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_json_is_the_workload_in_protobuf_json()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = Exited(server);

        var result = await InProcessCli.RunAsync(server, "get", workload.Id, "-o", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(workload, JsonParser.Default.Parse<Workload>(result.Output));
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal("WORKLOAD_STATE_EXITED", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(67108864, long.Parse(json.RootElement.GetProperty("spec").GetProperty("resources").GetProperty("memoryBytes").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Get_of_an_unknown_workload_exits_2()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "get", "nope");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Equal(["error: workload 'nope' not found"], result.ErrorLines);
    }

    [Fact]
    public async Task Get_with_text_output_rejects_table()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "get", "x", "-o", "table");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--output", result.Error, StringComparison.Ordinal);
    }

    private static Workload Exited(FakeControlPlane server)
    {
        var created = InProcessCli.Now.AddSeconds(-10);
        var workload = server.Workloads.Add("hello", WorkloadState.Exited, "node-a", created);
        workload.ExitCode = 0;
        workload.Reason = "process exited";
        workload.Spec.Command.Clear();
        workload.Spec.Command.Add(["/bin/sh", "-c", "echo hello world"]);
        workload.Spec.Env["GREETING"] = "hi";
        workload.History.Add(Transition(WorkloadState.Pending, created, "waiting for a node"));
        workload.History.Add(Transition(WorkloadState.Running, created.AddSeconds(1), ""));
        workload.History.Add(Transition(WorkloadState.Exited, created.AddSeconds(2), "process exited"));
        return workload;
    }

    private static StateTransition Transition(WorkloadState state, DateTimeOffset at, string reason) =>
        new() { State = state, At = Timestamp.FromDateTimeOffset(at), Reason = reason };
}
