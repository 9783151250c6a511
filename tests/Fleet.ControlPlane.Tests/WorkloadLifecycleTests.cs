using Fleet.ControlPlane.Tests.Support;
using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.ControlPlane.Tests;

/// <summary>
/// A workload's way through the control plane, with the test playing the node's agent: the
/// assignment reaches the node's watch stream, heartbeat reports move the workload on, and
/// watchers see every transition. One node with room for everything the tests submit.
/// </summary>
public sealed class WorkloadLifecycleTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>, IAsyncLifetime
{
    private readonly ScriptedAgent agent = new(fixture.Host.Agents, "node-1");

    private RunningControlPlane Host => fixture.Host;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await agent.Register(cpuMillis: 64_000, memoryBytes: 64 * Specs.Gi);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_submitted_workload_is_assigned_to_the_node_and_follows_its_reports_to_exited()
    {
        using var assignments = Host.Agents.WatchAssignments(new WatchAssignmentsRequest { NodeId = agent.NodeId }, cancellationToken: Cancellation);
        var initial = await assignments.ResponseStream.Next();

        var submitted = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("hello")), cancellationToken: Cancellation);
        Assert.Matches("^w-[a-z2-7]{12}$", submitted.Id);
        Assert.Equal("hello", submitted.Spec.Name);
        Assert.Equal("busybox", submitted.Spec.Rootfs);
        Assert.Equal(WorkloadState.Pending, submitted.State);
        Assert.Equal(agent.NodeId, submitted.NodeId);

        using var events = Host.Workloads.WatchWorkloadEvents(new WatchWorkloadEventsRequest { Workload = "hello" }, cancellationToken: Cancellation);
        var current = await events.ResponseStream.Next();
        Assert.Equal(submitted.Id, current.WorkloadId);
        Assert.Equal(WorkloadState.Pending, current.Workload.State);

        var sets = await assignments.ResponseStream.ReadUntil(set => set.Assignments.Any(a => a.WorkloadId == submitted.Id));
        var assigned = sets[^1];
        Assert.True(assigned.Version > initial.Version);
        var assignment = assigned.Assignments.Single(a => a.WorkloadId == submitted.Id);
        Assert.Equal(["/bin/echo", "hello"], assignment.Spec.Command);
        Assert.Equal(250, assignment.Spec.Resources.CpuMillis);
        Assert.Equal(64 * Specs.Mi, assignment.Spec.Resources.MemoryBytes);

        await agent.Report(submitted.Id, WorkloadState.Starting);
        await agent.Report(submitted.Id, WorkloadState.Running);
        await agent.Report(submitted.Id, WorkloadState.Exited, exitCode: 0);

        var seen = await events.ResponseStream.ReadUntil(change => change.Workload.State == WorkloadState.Exited);
        Assert.Equal(
            [WorkloadState.Starting, WorkloadState.Running, WorkloadState.Exited],
            seen.Select(change => change.Transition.State).Where(state => state != WorkloadState.Pending));
        Assert.All(seen, change => Assert.Equal(submitted.Id, change.WorkloadId));
        Assert.Equal(0, seen[^1].Workload.ExitCode);

        var finished = await Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = submitted.Id }, cancellationToken: Cancellation);
        Assert.Equal(WorkloadState.Exited, finished.State);
        Assert.True(finished.HasExitCode);
        Assert.Equal(0, finished.ExitCode);
        Assert.Equal(agent.NodeId, finished.NodeId);
        Assert.Equal(
            [WorkloadState.Pending, WorkloadState.Starting, WorkloadState.Running, WorkloadState.Exited],
            finished.History.Select(change => change.State));
        Assert.True(finished.History.Zip(finished.History.Skip(1)).All(pair => pair.First.At <= pair.Second.At));

        // A finished workload leaves the node's desired set.
        var released = await assignments.ResponseStream.ReadUntil(set => set.Assignments.All(a => a.WorkloadId != submitted.Id));
        Assert.True(released[^1].Version > assigned.Version);
    }

    [Fact]
    public async Task A_failure_report_keeps_its_reason_and_a_nonzero_exit_code_is_kept()
    {
        var failing = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("will-fail")), cancellationToken: Cancellation);
        await agent.Report(failing.Id, WorkloadState.Failed, reason: "rootfs busybox is missing on the node");
        var failed = await Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = "will-fail" }, cancellationToken: Cancellation);
        Assert.Equal(WorkloadState.Failed, failed.State);
        Assert.Equal("rootfs busybox is missing on the node", failed.Reason);
        Assert.Equal("rootfs busybox is missing on the node", failed.History[^1].Reason);

        var exiting = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("exits-3")), cancellationToken: Cancellation);
        await agent.Heartbeat(
            ScriptedAgent.Status(exiting.Id, WorkloadState.Running),
            ScriptedAgent.Status(failing.Id, WorkloadState.Running));
        await agent.Report(exiting.Id, WorkloadState.Exited, exitCode: 3);
        var exited = await Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = exiting.Id }, cancellationToken: Cancellation);
        Assert.Equal(WorkloadState.Exited, exited.State);
        Assert.Equal(3, exited.ExitCode);

        // A late report cannot revive a finished workload.
        var stillFailed = await Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = failing.Id }, cancellationToken: Cancellation);
        Assert.Equal(WorkloadState.Failed, stillFailed.State);
    }

    [Fact]
    public async Task A_name_is_unique_and_the_second_submission_is_refused_naming_the_holder()
    {
        var first = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("unique")), cancellationToken: Cancellation);
        var exception = await RpcAssert.Fails(StatusCode.AlreadyExists, () =>
            Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("unique")), cancellationToken: Cancellation).ResponseAsync);
        Assert.Contains("spec.name", exception.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'unique'", exception.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(first.Id, exception.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workload_without_a_name_gets_one_that_is_a_dns_label_and_resolves()
    {
        var submitted = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo()), cancellationToken: Cancellation);
        Assert.Matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", submitted.Spec.Name);
        var byName = await Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = submitted.Spec.Name }, cancellationToken: Cancellation);
        Assert.Equal(submitted.Id, byName.Id);
    }

    [Fact]
    public async Task Stopping_a_running_workload_asks_its_node_and_ends_stopped_when_the_node_reports_it()
    {
        using var assignments = Host.Agents.WatchAssignments(new WatchAssignmentsRequest { NodeId = agent.NodeId }, cancellationToken: Cancellation);
        var running = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("to-stop")), cancellationToken: Cancellation);
        await assignments.ResponseStream.ReadUntil(set => set.Assignments.Any(a => a.WorkloadId == running.Id));
        await agent.Report(running.Id, WorkloadState.Running);

        var stopping = await Host.Workloads.StopWorkloadAsync(new StopWorkloadRequest { Workload = "to-stop" }, cancellationToken: Cancellation);
        Assert.Equal(WorkloadState.Running, stopping.State);
        Assert.Contains("stop", stopping.Reason, StringComparison.Ordinal);
        await assignments.ResponseStream.ReadUntil(set => set.Assignments.All(a => a.WorkloadId != running.Id));

        await agent.Report(running.Id, WorkloadState.Stopped);
        var stopped = await Host.Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = running.Id }, cancellationToken: Cancellation);
        Assert.Equal(WorkloadState.Stopped, stopped.State);
    }

    [Fact]
    public async Task Workloads_are_listed_newest_first_page_by_page()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo($"paged-{i}")), cancellationToken: Cancellation)).Id);
        }

        var listed = new List<Workload>();
        var pageToken = "";
        do
        {
            var page = await Host.Workloads.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = 2, PageToken = pageToken }, cancellationToken: Cancellation);
            Assert.InRange(page.Workloads.Count, 1, 2);
            listed.AddRange(page.Workloads);
            pageToken = page.NextPageToken;
        }
        while (pageToken.Length > 0);

        Assert.Equal(listed.Count, listed.Select(workload => workload.Id).Distinct().Count());
        var ours = listed.Where(workload => ids.Contains(workload.Id)).Select(workload => workload.Id).ToList();
        Assert.Equal(Enumerable.Reverse(ids), ours);
        Assert.True(listed.Zip(listed.Skip(1)).All(pair => pair.First.CreatedAt >= pair.Second.CreatedAt));
    }

    [Fact]
    public async Task Watching_every_workload_starts_with_the_current_state_of_each()
    {
        var first = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("watched-all-1")), cancellationToken: Cancellation);
        using var events = Host.Workloads.WatchWorkloadEvents(new WatchWorkloadEventsRequest(), cancellationToken: Cancellation);
        var second = await Host.Workloads.SubmitWorkloadAsync(Specs.Submit(Specs.Echo("watched-all-2")), cancellationToken: Cancellation);
        await agent.Report(second.Id, WorkloadState.Running);

        var seen = await events.ResponseStream.ReadUntil(change => change.WorkloadId == second.Id && change.Workload.State == WorkloadState.Running);
        Assert.Contains(seen, change => change.WorkloadId == first.Id);
        Assert.Contains(seen, change => change.WorkloadId == second.Id && change.Transition.State == WorkloadState.Pending);
    }
}
