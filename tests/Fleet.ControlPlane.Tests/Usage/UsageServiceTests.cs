using Fleet.ControlPlane.Tests.Support;
using Fleet.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Fleet.ControlPlane.Tests.Usage;

/// <summary>The Usage API on the real host, fed by a scripted agent's heartbeats.</summary>
public sealed class UsageServiceTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>, IAsyncLifetime
{
    private readonly ScriptedAgent _agent = new(fixture.Host.Agents, "usage-node");
    private readonly Fleet.Contracts.V1.Usage.UsageClient _usage = new(fixture.Host.Channel);

    private RunningControlPlane Host => fixture.Host;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _agent.Register(cpuMillis: 64_000, memoryBytes: 64 * Specs.Gi);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_running_workload_shows_its_latest_sample_and_after_exit_its_durable_final_accounting()
    {
        var workload = await Submit("usage-final");
        await Heartbeat(ScriptedAgent.Status(workload.Id, WorkloadState.Running), [Sample(workload.Id, 0.5)], null);

        var running = await _usage.GetWorkloadUsageAsync(new GetWorkloadUsageRequest { Workload = "usage-final" }, cancellationToken: Cancellation);
        Assert.Equal(workload.Id, running.WorkloadId);
        Assert.Equal(_agent.NodeId, running.NodeId);
        Assert.Equal(0.5, running.Latest.Cpu.Cores);
        Assert.Equal(_agent.NodeId, running.Latest.NodeId);
        Assert.Null(running.Final);

        var exited = ScriptedAgent.Status(workload.Id, WorkloadState.Exited, exitCode: 137);
        exited.FinalUsage = new FinalUsage
        {
            At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            CpuUsageNanos = 3_000_000_000,
            MemoryPeakBytes = 48 * Specs.Mi,
            OomKilled = true,
            OomKills = 1,
            Io = new IoUsage { WriteBytes = 4096 },
            Network = new NetworkUsage { ReceiveBytes = 100 },
        };
        await Heartbeat(exited, [], null);

        var ended = await _usage.GetWorkloadUsageAsync(new GetWorkloadUsageRequest { Workload = workload.Id }, cancellationToken: Cancellation);
        Assert.Null(ended.Latest);
        Assert.Equal(3_000_000_000, ended.Final.CpuUsageNanos);
        Assert.Equal(48 * Specs.Mi, ended.Final.MemoryPeakBytes);
        Assert.True(ended.Final.OomKilled);
        Assert.Equal(4096, ended.Final.Io.WriteBytes);
        Assert.Equal(100, ended.Final.Network.ReceiveBytes);
        Assert.Single(ended.Recent);
    }

    [Fact]
    public async Task Workloads_nodes_and_the_default_tenant_roll_up()
    {
        var one = await Submit("usage-one");
        var two = await Submit("usage-two");
        var node = new NodeUsage { UsedCpuCores = 0.75, Allocatable = new Resources { CpuMillis = 63_000 } };
        await Heartbeat(null, [Sample(one.Id, 0.5, 10 * Specs.Mi), Sample(two.Id, 0.25, 20 * Specs.Mi)], node);

        var list = await _usage.ListWorkloadUsageAsync(new ListWorkloadUsageRequest { Node = _agent.NodeId }, cancellationToken: Cancellation);
        Assert.Equal(new[] { one.Id, two.Id }.Order(StringComparer.Ordinal), list.Workloads.Select(w => w.WorkloadId).Order(StringComparer.Ordinal));

        var nodeUsage = await _usage.GetNodeUsageAsync(new GetNodeUsageRequest { Node = _agent.NodeId }, cancellationToken: Cancellation);
        Assert.Equal(0.75, nodeUsage.Latest.UsedCpuCores);
        Assert.Equal(_agent.NodeId, nodeUsage.Latest.NodeId);
        Assert.Contains((await _usage.ListNodeUsageAsync(new ListNodeUsageRequest(), cancellationToken: Cancellation)).Nodes, n => n.NodeId == _agent.NodeId);

        var tenant = await _usage.GetTenantUsageAsync(new GetTenantUsageRequest(), cancellationToken: Cancellation);
        Assert.Equal("default", tenant.Tenant);
        Assert.True(tenant.RunningWorkloads >= 2);
        Assert.True(tenant.CpuCores >= 0.75 - 1e-9);
        Assert.True(tenant.MemoryWorkingSetBytes >= 30 * Specs.Mi);
    }

    [Fact]
    public async Task Watch_streams_the_latest_then_each_new_sample()
    {
        var workload = await Submit("usage-watch");
        await Heartbeat(null, [Sample(workload.Id, 0.1)], null);
        using var watch = _usage.WatchUsage(new WatchUsageRequest { Workload = "usage-watch" }, cancellationToken: Cancellation);

        Assert.True(await watch.ResponseStream.MoveNext(Cancellation));
        Assert.Equal(0.1, watch.ResponseStream.Current.Workload.Cpu.Cores);

        await Heartbeat(null, [Sample(workload.Id, 0.2)], null);
        Assert.True(await watch.ResponseStream.MoveNext(Cancellation));
        Assert.Equal(0.2, watch.ResponseStream.Current.Workload.Cpu.Cores);
    }

    [Fact]
    public async Task Unknown_names_are_not_found_and_bad_input_is_rejected()
    {
        await RpcAssert.Fails(StatusCode.NotFound, async () => await _usage.GetWorkloadUsageAsync(new GetWorkloadUsageRequest { Workload = "nope" }, cancellationToken: Cancellation));
        await RpcAssert.Fails(StatusCode.NotFound, async () => await _usage.GetNodeUsageAsync(new GetNodeUsageRequest { Node = "nope" }, cancellationToken: Cancellation));
        await RpcAssert.Fails(StatusCode.NotFound, async () => await _usage.GetTenantUsageAsync(new GetTenantUsageRequest { Tenant = "team-a" }, cancellationToken: Cancellation));
        var violations = await RpcAssert.FailsValidation(async () => await _usage.GetWorkloadUsageAsync(new GetWorkloadUsageRequest(), cancellationToken: Cancellation));
        Assert.Contains("workload", violations.Select(v => v.Key));
        var heartbeat = new HeartbeatRequest { NodeId = _agent.NodeId };
        heartbeat.Usage.Add(new WorkloadUsage());
        var agentViolations = await RpcAssert.FailsValidation(async () => await Host.Agents.HeartbeatAsync(heartbeat, cancellationToken: Cancellation));
        Assert.Contains("usage[0].workload_id", agentViolations.Select(v => v.Key));
    }

    private async Task<Workload> Submit(string name) =>
        await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo(name)), cancellationToken: Cancellation);

    private async Task Heartbeat(WorkloadStatus? status, WorkloadUsage[] samples, NodeUsage? node)
    {
        var request = new HeartbeatRequest { NodeId = _agent.NodeId, NodeUsage = node };
        if (status is not null)
        {
            request.Workloads.Add(status);
        }

        request.Usage.AddRange(samples);
        var response = await Host.Agents.HeartbeatAsync(request, cancellationToken: Cancellation);
        Assert.True(response.Known);
    }

    private static WorkloadUsage Sample(string id, double cores, long workingSet = 0) => new()
    {
        WorkloadId = id,
        At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Cpu = new CpuUsage { Cores = cores },
        Memory = new MemoryUsage { WorkingSetBytes = workingSet, UsageBytes = workingSet },
    };
}
