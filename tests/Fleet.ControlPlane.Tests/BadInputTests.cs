using Fleet.ControlPlane.Tests.Support;
using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.ControlPlane.Tests;

/// <summary>
/// Bad input to the public and agent APIs: INVALID_ARGUMENT with a google.rpc.BadRequest that
/// names each field, or NOT_FOUND, and nothing stored. One node (2 cores, 1Gi, busybox) is
/// registered so that size and rootfs limits are known; no test here stores a workload.
/// </summary>
public sealed class BadInputTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>, IAsyncLifetime
{
    private RunningControlPlane Host => fixture.Host;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await new ScriptedAgent(Host.Agents, "node-a").Register(cpuMillis: 2000, memoryBytes: Specs.Gi, "busybox");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_empty_command_is_rejected_on_spec_command()
    {
        var spec = Specs.Echo("no-command");
        spec.Command.Clear();
        var violations = await Rejected(spec);
        Assert.Equal(["spec.command"], violations.Select(group => group.Key));
    }

    [Fact]
    public async Task Zero_memory_and_negative_cpu_are_rejected_on_their_fields()
    {
        var violations = await Rejected(Specs.Echo("no-resources", cpuMillis: -500, memoryBytes: 0));
        Assert.Equal("must be greater than zero", Assert.Single(violations["spec.resources.memory_bytes"]));
        Assert.Equal("must be greater than zero", Assert.Single(violations["spec.resources.cpu_millis"]));
        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public async Task Negative_memory_and_zero_cpu_are_rejected_on_their_fields()
    {
        var violations = await Rejected(Specs.Echo("negative", cpuMillis: 0, memoryBytes: -1));
        Assert.Contains("spec.resources.memory_bytes", violations.Select(group => group.Key));
        Assert.Contains("spec.resources.cpu_millis", violations.Select(group => group.Key));
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("hello_world")]
    [InlineData("-hello")]
    [InlineData("a.b")]
    public async Task A_name_that_is_not_a_dns_label_is_rejected_on_spec_name(string name)
    {
        var violations = await Rejected(Specs.Echo(name));
        Assert.Contains("DNS label", Assert.Single(violations["spec.name"]), StringComparison.Ordinal);
        Assert.Single(violations);
    }

    [Fact]
    public async Task Memory_larger_than_any_node_is_rejected_naming_the_largest_node()
    {
        var violations = await Rejected(Specs.Echo("too-much-memory", memoryBytes: 2 * Specs.Gi));
        Assert.Contains("largest: 1Gi", Assert.Single(violations["spec.resources.memory_bytes"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cpu_larger_than_any_node_is_rejected_naming_the_largest_node()
    {
        var violations = await Rejected(Specs.Echo("too-much-cpu", cpuMillis: 3000));
        Assert.Contains("largest: 2", Assert.Single(violations["spec.resources.cpu_millis"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_rootfs_is_rejected_naming_the_known_ones()
    {
        var violations = await Rejected(Specs.Echo("other-rootfs", rootfs: "ubuntu"));
        var description = Assert.Single(violations["spec.rootfs"]);
        Assert.Contains("'ubuntu'", description, StringComparison.Ordinal);
        Assert.Contains("busybox", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_spec_is_rejected_on_every_required_field()
    {
        var violations = await RpcAssert.FailsValidation(() =>
            Host.Workloads.SubmitWorkloadAsync(new SubmitWorkloadRequest(), cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(
            ["spec.command", "spec.resources.memory_bytes", "spec.resources.cpu_millis"],
            violations.Select(group => group.Key));
        await AssertNothingStored();
    }

    [Fact]
    public async Task Every_broken_rule_is_reported_in_one_answer()
    {
        var spec = Specs.Echo("Bad_Name", cpuMillis: 0, memoryBytes: 0, rootfs: "ubuntu");
        spec.Command.Clear();
        var violations = await Rejected(spec);
        Assert.Equal(
            ["spec.name", "spec.command", "spec.resources.memory_bytes", "spec.resources.cpu_millis", "spec.rootfs"],
            violations.Select(group => group.Key));
    }

    [Fact]
    public async Task An_unknown_workload_is_not_found_by_every_method_that_names_one()
    {
        var message = $"workload 'w-doesnotexist' not found";
        var get = await RpcAssert.Fails(StatusCode.NotFound, () =>
            Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = "w-doesnotexist" }, cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(message, get.Status.Detail);

        var stop = await RpcAssert.Fails(StatusCode.NotFound, () =>
            Host.Workloads.StopWorkloadAsync(new StopWorkloadRequest { Workload = "w-doesnotexist" }, cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(message, stop.Status.Detail);

        await RpcAssert.Fails(StatusCode.NotFound, async () =>
        {
            using var watch = Host.Workloads.WatchWorkloadEvents(new WatchWorkloadEventsRequest { Workload = "no-such-name" }, cancellationToken: Cancellation);
            await watch.ResponseStream.MoveNext(Cancellation);
        });

        await RpcAssert.Fails(StatusCode.NotFound, async () =>
        {
            using var logs = Host.Workloads.StreamLogs(new StreamLogsRequest { Workload = "no-such-name" }, cancellationToken: Cancellation);
            await logs.ResponseStream.MoveNext(Cancellation);
        });
    }

    [Fact]
    public async Task A_request_that_names_no_workload_is_rejected_on_the_workload_field()
    {
        var violations = await RpcAssert.FailsValidation(() =>
            Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest(), cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(["workload"], violations.Select(group => group.Key));

        violations = await RpcAssert.FailsValidation(() =>
            Host.Workloads.StopWorkloadAsync(new StopWorkloadRequest { Workload = " " }, cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(["workload"], violations.Select(group => group.Key));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task A_page_size_outside_0_to_1000_is_rejected(int pageSize)
    {
        var violations = await RpcAssert.FailsValidation(() =>
            Host.Workloads.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = pageSize }, cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(["page_size"], violations.Select(group => group.Key));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("123.")]
    [InlineData(".w-abc")]
    public async Task A_page_token_the_server_did_not_hand_out_is_rejected(string pageToken)
    {
        var violations = await RpcAssert.FailsValidation(() =>
            Host.Workloads.ListWorkloadsAsync(new ListWorkloadsRequest { PageToken = pageToken }, cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(["page_token"], violations.Select(group => group.Key));
    }

    [Fact]
    public async Task An_unknown_node_is_not_found()
    {
        var exception = await RpcAssert.Fails(StatusCode.NotFound, () =>
            Host.Nodes.GetNodeAsync(new GetNodeRequest { Node = "node-zz" }, cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal("node 'node-zz' not found", exception.Status.Detail);

        await RpcAssert.Fails(StatusCode.NotFound, async () =>
        {
            using var watch = Host.Agents.WatchAssignments(new WatchAssignmentsRequest { NodeId = "node-zz" }, cancellationToken: Cancellation);
            await watch.ResponseStream.MoveNext(Cancellation);
        });

        var heartbeat = await Host.Agents.HeartbeatAsync(new HeartbeatRequest { NodeId = "node-zz" }, cancellationToken: Cancellation);
        Assert.False(heartbeat.Known);
    }

    [Fact]
    public async Task A_registration_with_a_bad_name_address_or_capacity_is_rejected_on_each_field()
    {
        var request = new RegisterRequest { NodeId = "Node_1", Address = "no-port", Capacity = new Resources { CpuMillis = 0, MemoryBytes = -1 } };
        request.RootfsNames.Add("../etc");
        var violations = await RpcAssert.FailsValidation(() =>
            Host.Agents.RegisterAsync(request, cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(
            ["node_id", "address", "capacity.cpu_millis", "capacity.memory_bytes", "rootfs_names[0]"],
            violations.Select(group => group.Key));

        var exception = await RpcAssert.Fails(StatusCode.NotFound, () =>
            Host.Nodes.GetNodeAsync(new GetNodeRequest { Node = "Node_1" }, cancellationToken: Cancellation).ResponseAsync);
        Assert.Contains("Node_1", exception.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_heartbeat_with_an_unspecified_state_is_rejected_on_that_status()
    {
        var request = new HeartbeatRequest { NodeId = "node-a" };
        request.Workloads.Add(ScriptedAgent.Status("w-aaaaaaaaaaaa", WorkloadState.Running));
        request.Workloads.Add(ScriptedAgent.Status("", WorkloadState.Unspecified));
        var violations = await RpcAssert.FailsValidation(() =>
            Host.Agents.HeartbeatAsync(request, cancellationToken: Cancellation).ResponseAsync);
        Assert.Equal(["workloads[1].workload_id", "workloads[1].state"], violations.Select(group => group.Key));
    }

    private async Task<ILookup<string, string>> Rejected(WorkloadSpec spec)
    {
        var violations = await RpcAssert.FailsValidation(() =>
            Host.Workloads.SubmitWorkloadAsync(Specs.Submit(spec), cancellationToken: Cancellation).ResponseAsync);
        await AssertNothingStored();
        return violations;
    }

    private async Task AssertNothingStored()
    {
        var list = await Host.Workloads.ListWorkloadsAsync(new ListWorkloadsRequest(), cancellationToken: Cancellation);
        Assert.Empty(list.Workloads);
        Assert.Equal("", list.NextPageToken);
    }
}
