using System.Text.Json;
using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.Cli.Tests.Usage;

public sealed class GetUsageTests
{
    [Fact]
    public async Task Get_of_a_running_workload_shows_its_current_usage()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("busy", WorkloadState.Running, "node-a");
        server.Usage.Reports[workload.Id] = new WorkloadUsageReport { WorkloadId = workload.Id, Latest = UsageSamples.Workload(workload.Id, "busy", 0.5, 40L << 20) };

        var result = await InProcessCli.RunAsync(server, "get", "busy");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var text = result.Output;
        Assert.Contains("Usage:          (sampled 1s ago)\n", text, StringComparison.Ordinal);
        Assert.Contains("  CPU:          0.50 cores of 0.50 allowed; 12.5s in all (user 10s, system 2.5s)\n", text, StringComparison.Ordinal);
        Assert.Contains("  Throttled:    50 of 200 periods, 1.5s\n", text, StringComparison.Ordinal);
        Assert.Contains("  Memory:       40Mi working set of 64Mi (62.5%); usage 41Mi, rss 40Mi, cache 1Mi, swap 0\n", text, StringComparison.Ordinal);
        Assert.Contains("  Peak memory:  80Mi\n", text, StringComparison.Ordinal);
        Assert.Contains("  Block I/O:    read 4Ki (1 ops), written 1Mi (256 ops)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Final usage:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_an_ended_workload_shows_its_final_accounting()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("done", WorkloadState.Exited, "node-a");
        workload.ExitCode = 137;
        server.Usage.Reports[workload.Id] = new WorkloadUsageReport { WorkloadId = workload.Id, Final = Final(oomKills: 1) };

        var result = await InProcessCli.RunAsync(server, "get", "done");

        var text = result.Output;
        Assert.Contains("Final usage:    (read 2025-06-01T11:59:58.000Z, at its end)\n", text, StringComparison.Ordinal);
        Assert.Contains("  CPU time:     1m5.5s (user 1m0s, system 5.5s)\n", text, StringComparison.Ordinal);
        Assert.Contains("  Peak memory:  96Mi\n", text, StringComparison.Ordinal);
        Assert.Contains("  OOM killed:   yes (1 OOM kills)\n", text, StringComparison.Ordinal);
        Assert.Contains("  Network:      received 2Ki (4 packets, 0 errors, 0 dropped), sent 1Ki (2 packets, 0 errors, 0 dropped)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kill_that_was_not_an_oom_kill_says_no()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("killed", WorkloadState.Stopped, "node-a");
        server.Usage.Reports[workload.Id] = new WorkloadUsageReport { WorkloadId = workload.Id, Final = Final(oomKills: 0) };

        var result = await InProcessCli.RunAsync(server, "get", "killed");

        Assert.Contains("  OOM killed:   no\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_json_carries_the_usage_report_beside_the_workload()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("done", WorkloadState.Exited, "node-a");
        var report = new WorkloadUsageReport { WorkloadId = workload.Id, Final = Final(oomKills: 0) };
        server.Usage.Reports[workload.Id] = report;

        var result = await InProcessCli.RunAsync(server, "get", "done", "-o", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(workload.Id, json.RootElement.GetProperty("id").GetString());
        Assert.Equal(report, JsonParser.Default.Parse<WorkloadUsageReport>(json.RootElement.GetProperty("usage").GetRawText()));
        Assert.Equal("65500000000", json.RootElement.GetProperty("usage").GetProperty("final").GetProperty("cpuUsageNanos").GetString());
    }

    [Fact]
    public async Task Get_without_any_usage_prints_no_usage_section()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.Add("pending", WorkloadState.Pending, "");

        var result = await InProcessCli.RunAsync(server, "get", "pending");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("Usage:", result.Output, StringComparison.Ordinal);
    }

    private static FinalUsage Final(long oomKills) => new()
    {
        At = Timestamp.FromDateTimeOffset(InProcessCli.Now.AddSeconds(-2)),
        CpuUsageNanos = 65_500_000_000,
        CpuUserNanos = 60_000_000_000,
        CpuSystemNanos = 5_500_000_000,
        CpuThrottledPeriods = 10,
        CpuThrottledNanos = 500_000_000,
        MemoryPeakBytes = 96L << 20,
        OomKilled = oomKills > 0,
        OomKills = oomKills,
        Io = new IoUsage(),
        Network = new NetworkUsage { ReceiveBytes = 2048, TransmitBytes = 1024, ReceivePackets = 4, TransmitPackets = 2 },
    };
}
