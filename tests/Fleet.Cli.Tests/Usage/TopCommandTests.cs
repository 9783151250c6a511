using Fleet.Cli.Commands;
using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Google.Protobuf;

namespace Fleet.Cli.Tests.Usage;

public sealed class TopCommandTests
{
    [Fact]
    public async Task Top_no_stream_prints_one_table_heaviest_cpu_first()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Usage.Workloads.Add(UsageSamples.Workload("w-idle", "idle", 0.01, 2L << 20));
        server.Usage.Workloads.Add(UsageSamples.Workload("w-busy", "busy", 0.498, 40L << 20));

        var result = await InProcessCli.RunAsync(server, "top", "--no-stream");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain(LiveView.ClearScreen, result.Output, StringComparison.Ordinal);
        var rows = Rows(result);
        Assert.Equal(["ID", "NAME", "NODE", "CPU %", "CPU LIMIT", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS", "THROTTLED"], rows[0]);
        Assert.Equal(["w-busy", "busy", "node-a", "49.8%", "0.50", "40Mi / 64Mi", "62.5%", "1.5Ki / 512", "4Ki / 1Mi", "3", "25.0%"], rows[1]);
        Assert.Equal("w-idle", rows[2][0]);
        Assert.Equal(3, rows.Length);
    }

    [Fact]
    public async Task Top_sorts_by_memory_when_asked()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Usage.Workloads.Add(UsageSamples.Workload("w-cpu", "cpu", 0.9, 1L << 20));
        server.Usage.Workloads.Add(UsageSamples.Workload("w-mem", "mem", 0.1, 50L << 20));

        var result = await InProcessCli.RunAsync(server, "top", "--no-stream", "--sort", "memory");

        Assert.Equal(["w-mem", "w-cpu"], Rows(result).Skip(1).Select(row => row[0]));
    }

    [Fact]
    public async Task Top_refreshes_clearing_the_screen_until_interrupted_and_then_exits_0()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Usage.Workloads.Add(UsageSamples.Workload("w-1", "one", 0.25, 1L << 20));
        using var interrupt = new CancellationTokenSource();
        var run = InProcessCli.RunInterruptibleAsync(["--server", server.Address, "top", "--interval", "0.05"], null, interrupt.Token);

        await Eventually(() => server.Usage.ListCalls >= 3);
        await interrupt.CancelAsync();
        var result = await run;

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var frames = result.Output.Split(LiveView.ClearScreen, StringSplitOptions.RemoveEmptyEntries);
        Assert.True(frames.Length >= 3, result.ToString());
        Assert.All(frames, frame => Assert.Contains("w-1", frame, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Top_json_is_the_list_in_protobuf_json()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Usage.Workloads.Add(UsageSamples.Workload("w-1", "one", 0.25, 1L << 20));

        var result = await InProcessCli.RunAsync(server, "top", "--no-stream", "-o", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var parsed = JsonParser.Default.Parse<ListWorkloadUsageResponse>(result.Output);
        Assert.Equal(server.Usage.Workloads, parsed.Workloads);
    }

    [Fact]
    public async Task Top_nodes_shows_used_against_allocatable()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Usage.Nodes.Add(new NodeUsage
        {
            NodeId = "node-a",
            Capacity = new Resources { CpuMillis = 2000, MemoryBytes = 4L << 30 },
            Allocatable = new Resources { CpuMillis = 1500, MemoryBytes = 3L << 30 },
            Allocated = new Resources { CpuMillis = 500, MemoryBytes = 64L << 20 },
            UsedCpuCores = 0.75,
            UsedMemoryBytes = 768L << 20,
            RunningWorkloads = 2,
            Host = new HostUsage { CpuCores = 1.2, MemoryTotalBytes = 4L << 30, MemoryAvailableBytes = 2L << 30 },
        });

        var result = await InProcessCli.RunAsync(server, "top", "nodes", "--no-stream");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var rows = Rows(result);
        Assert.Equal(["NODE", "CPU(cores)", "CPU%", "MEMORY", "MEMORY%", "ALLOCATED", "ALLOCATABLE", "CAPACITY", "WORKLOADS", "HOST CPU", "HOST MEM AVAIL"], rows[0]);
        Assert.Equal(["node-a", "0.75", "50.0%", "768Mi", "25.0%", "0.5/64Mi", "1.5/3Gi", "2/4Gi", "2", "1.20", "2Gi"], rows[1]);
    }

    [Fact]
    public async Task Top_rejects_an_unknown_sort_key()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "top", "--sort", "disk");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--sort", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_rejects_an_interval_of_zero()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "top", "--interval", "0");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error: --interval must be more than 0 and at most 3600 seconds", result.Error, StringComparison.Ordinal);
    }

    private static string[][] Rows(CliResult result) =>
        [.. result.OutputLines.Select(l => l.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "timed out");
    }
}
