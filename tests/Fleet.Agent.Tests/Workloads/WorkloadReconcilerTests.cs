using Fleet.Agent.Tests.Fakes;
using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using Fleet.Jail;
using static Fleet.Agent.Tests.Fakes.AgentHarness;

namespace Fleet.Agent.Tests.Workloads;

public sealed class WorkloadReconcilerTests : IAsyncLifetime
{
    private readonly AgentHarness _harness = new();
    private readonly FakeJailRuntime _runtime = new();
    private WorkloadReconciler _reconciler = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _reconciler = _harness.CreateReconciler(_runtime);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Starts_each_new_assignment_once_and_reports_it_running()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-a"), Assignment("w-b")), Cancel);

        Assert.Equal(["w-a", "w-b"], _runtime.Started.Select(spec => spec.Id).Order());
        Assert.All(_reconciler.Snapshot(), report => Assert.Equal(WorkloadState.Running, report.Status.State));
    }

    [Fact]
    public async Task Applying_the_same_set_again_changes_nothing()
    {
        var set = Set(1, Assignment("w-a"), Assignment("w-b"));
        await _reconciler.ApplyAsync(set, Cancel);
        var before = _reconciler.Snapshot();

        await _reconciler.ApplyAsync(set, Cancel);
        await _reconciler.ApplyAsync(Set(2, Assignment("w-b"), Assignment("w-a"), Assignment("w-a")), Cancel);

        Assert.Equal(2, _runtime.Started.Count);
        Assert.Equal(before.Select(r => r.Status), _reconciler.Snapshot().Select(r => r.Status));
    }

    [Fact]
    public async Task Maps_the_workload_spec_to_the_jail_spec()
    {
        var assignment = Assignment("w-map", "hello", "/bin/sh", "-c", "echo hi");
        assignment.Spec.Env.Add("GREETING", "hi");
        assignment.Spec.Rootfs = "busybox";

        await _reconciler.ApplyAsync(Set(1, assignment), Cancel);

        var spec = Assert.Single(_runtime.Started);
        Assert.Equal("w-map", spec.Id);
        Assert.Equal("hello", spec.Hostname);
        Assert.Equal(["/bin/sh", "-c", "echo hi"], spec.Command);
        Assert.Equal("hi", spec.Environment["GREETING"]);
        Assert.Equal(Path.Combine(_harness.Options.RootfsDirectory, "busybox"), spec.RootfsPath);
        Assert.Equal(64L << 20, spec.MemoryLimitBytes);
        Assert.Equal(500, spec.CpuMillis);
        Assert.Equal(Path.Combine(_harness.Options.StateDirectory, "logs", "w-map", "stdout.log"), spec.StdoutPath);
        Assert.Equal(Path.Combine(_harness.Options.StateDirectory, "logs", "w-map", "stderr.log"), spec.StderrPath);
        Assert.True(File.Exists(spec.StdoutPath));
    }

    [Fact]
    public async Task An_empty_rootfs_means_busybox()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-default")), Cancel);

        Assert.Equal(Path.Combine(_harness.Options.RootfsDirectory, "busybox"), Assert.Single(_runtime.Started).RootfsPath);
    }

    [Theory]
    [InlineData("alpine", "rootfs \"alpine\" is not on this node (has: busybox)")]
    [InlineData("../busybox", "rootfs \"../busybox\" is not a valid rootfs name")]
    public async Task An_unknown_rootfs_fails_the_workload_without_starting_it(string rootfs, string reason)
    {
        var assignment = Assignment("w-rootfs");
        assignment.Spec.Rootfs = rootfs;

        await _reconciler.ApplyAsync(Set(1, assignment), Cancel);

        Assert.Empty(_runtime.Started);
        var status = Assert.Single(_reconciler.Snapshot()).Status;
        Assert.Equal(WorkloadState.Failed, status.State);
        Assert.Equal(reason, status.Reason);
    }

    [Fact]
    public async Task A_jail_that_cannot_be_created_fails_the_workload_with_the_runtimes_message()
    {
        _runtime.StartFailure = _ => new JailException("mkdir /sys/fs/cgroup/memory/fleet/w-x: permission denied");

        await _reconciler.ApplyAsync(Set(1, Assignment("w-x")), Cancel);

        var status = Assert.Single(_reconciler.Snapshot()).Status;
        Assert.Equal(WorkloadState.Failed, status.State);
        Assert.Equal("mkdir /sys/fs/cgroup/memory/fleet/w-x: permission denied", status.Reason);

        // Failed is final: the same set does not try again.
        await _reconciler.ApplyAsync(Set(2, Assignment("w-x")), Cancel);
        Assert.Single(_runtime.Started);
    }

    [Fact]
    public async Task Reports_the_exit_code_and_never_starts_a_finished_workload_again()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-exit")), Cancel);

        _runtime.Jail("w-exit").Exit(3);
        await Eventually.TrueAsync(() => _reconciler.Find("w-exit")?.State == WorkloadState.Exited, "the workload is exited");

        var status = Assert.Single(_reconciler.Snapshot()).Status;
        Assert.Equal(3, status.ExitCode);
        Assert.Equal(string.Empty, status.Reason);
        // The final report still carries every earlier state, in case one was never delivered.
        Assert.Equal([WorkloadState.Pending, WorkloadState.Starting, WorkloadState.Running], status.Earlier.Select(t => t.State));
        Assert.True(status.Earlier[^1].At.ToDateTimeOffset() <= status.At.ToDateTimeOffset());

        await _reconciler.ApplyAsync(Set(2, Assignment("w-exit")), Cancel);
        Assert.Single(_runtime.Started);
    }

    [Fact]
    public async Task Reports_an_oom_kill_as_a_failure_naming_the_memory_limit()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-hog")), Cancel);

        _runtime.Jail("w-hog").OomKill();
        await Eventually.TrueAsync(() => _reconciler.Find("w-hog")?.IsFinished == true, "the workload has finished");

        var status = Assert.Single(_reconciler.Snapshot()).Status;
        Assert.Equal(WorkloadState.Failed, status.State);
        Assert.Equal("OOM killed: memory limit 64Mi reached", status.Reason);
        Assert.Equal(137, status.ExitCode);
    }

    [Fact]
    public async Task Reports_a_jail_failure_with_its_reason()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-fail")), Cancel);

        _runtime.Jail("w-fail").Fail("execve /bin/nope: No such file or directory");
        await Eventually.TrueAsync(() => _reconciler.Find("w-fail")?.IsFinished == true, "the workload has finished");

        var status = Assert.Single(_reconciler.Snapshot()).Status;
        Assert.Equal(WorkloadState.Failed, status.State);
        Assert.Equal("execve /bin/nope: No such file or directory", status.Reason);
        Assert.False(status.HasExitCode);
    }

    [Fact]
    public async Task Stops_a_workload_removed_from_the_set_and_reports_it_stopped()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-keep"), Assignment("w-gone")), Cancel);

        await _reconciler.ApplyAsync(Set(2, Assignment("w-keep")), Cancel);
        await Eventually.TrueAsync(() => _reconciler.Find("w-gone")?.State == WorkloadState.Stopped, "the removed workload is stopped");

        var gone = _runtime.Jail("w-gone");
        Assert.Equal(1, gone.StopCalls);
        Assert.Equal(_harness.Options.StopGracePeriod, gone.StopGrace);
        await Eventually.TrueAsync(() => gone.Disposed, "the stopped jail is disposed");
        Assert.Equal(0, _runtime.Jail("w-keep").StopCalls);
        Assert.Equal(WorkloadState.Running, _reconciler.Find("w-keep")?.State);
    }

    [Fact]
    public async Task Keeps_a_finished_workload_until_its_final_state_was_delivered()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-done")), Cancel);
        var beforeExit = _reconciler.Snapshot();
        _runtime.Jail("w-done").Exit(0);
        await Eventually.TrueAsync(() => _reconciler.Find("w-done")?.State == WorkloadState.Exited, "the workload is exited");
        await _reconciler.ApplyAsync(Set(2), Cancel);

        // A heartbeat that carried only "running" does not count as delivering the end.
        _reconciler.MarkDelivered(beforeExit);
        Assert.NotNull(_reconciler.Find("w-done"));
        Assert.True(File.Exists(_harness.RecordPath("w-done")));
        Assert.True(_runtime.Jail("w-done").Disposed);

        _reconciler.MarkDelivered(_reconciler.Snapshot());

        Assert.Null(_reconciler.Find("w-done"));
        Assert.Empty(_reconciler.Snapshot());
        Assert.False(Directory.Exists(Path.GetDirectoryName(_harness.RecordPath("w-done"))));
        Assert.True(_harness.Logs.Exists("w-done"), "logs outlive the record");
    }

    [Fact]
    public async Task A_delivered_final_state_is_kept_while_the_workload_is_still_assigned()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-still")), Cancel);
        _runtime.Jail("w-still").Exit(0);
        await Eventually.TrueAsync(() => _reconciler.Find("w-still")?.State == WorkloadState.Exited, "the workload is exited");

        _reconciler.MarkDelivered(_reconciler.Snapshot());

        Assert.NotNull(_reconciler.Find("w-still"));
        Assert.False(_runtime.Jail("w-still").Disposed);

        // Once it leaves the set, its delivered end lets it go at once.
        await _reconciler.ApplyAsync(Set(2), Cancel);
        Assert.Null(_reconciler.Find("w-still"));
        Assert.True(_runtime.Jail("w-still").Disposed);
    }

    [Fact]
    public async Task Writes_each_state_to_the_record_file()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-rec")), Cancel);

        var json = await File.ReadAllTextAsync(_harness.RecordPath("w-rec"), Cancel);
        Assert.Contains("\"state\": \"Running\"", json, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_harness.RecordPath("w-rec"))!, "*.tmp"));
    }

    [Fact]
    public async Task Records_survive_an_agent_restart_and_running_jails_are_readopted()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-ended"), Assignment("w-alive"), Assignment("w-lost")), Cancel);
        _runtime.Jail("w-ended").Exit(7);
        await Eventually.TrueAsync(() => _reconciler.Find("w-ended")?.State == WorkloadState.Exited, "w-ended is exited");
        await _reconciler.DisposeAsync();

        // The agent restarts: w-alive's jail is still there, w-lost's vanished with the host's state.
        var restarted = new FakeJailRuntime();
        restarted.Recoverable.Add(_runtime.Jail("w-alive"));
        var reconciler = _harness.CreateReconciler(restarted);
        reconciler.Initialize();

        Assert.Equal(WorkloadState.Exited, reconciler.Find("w-ended")?.State);
        Assert.Equal(7, reconciler.Find("w-ended")?.ExitCode);
        Assert.Equal(WorkloadState.Running, reconciler.Find("w-alive")?.State);
        Assert.Equal(WorkloadState.Failed, reconciler.Find("w-lost")?.State);
        Assert.Equal("its jail was gone when the agent restarted", reconciler.Find("w-lost")?.Reason);

        await reconciler.ApplyAsync(Set(2, Assignment("w-ended"), Assignment("w-alive"), Assignment("w-lost")), Cancel);
        Assert.Empty(restarted.Started);

        _runtime.Jail("w-alive").Exit(0);
        await Eventually.TrueAsync(() => reconciler.Find("w-alive")?.State == WorkloadState.Exited, "the re-adopted workload's exit is seen");
    }

    [Fact]
    public async Task A_recovered_jail_that_ended_unobserved_reports_the_runtimes_reason()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-dark")), Cancel);
        await _reconciler.DisposeAsync();

        var ended = new FakeJail("w-dark", 4242);
        ended.Fail("the jail ended while the agent was away; its exit status is unknown");
        var restarted = new FakeJailRuntime();
        restarted.Recoverable.Add(ended);
        var reconciler = _harness.CreateReconciler(restarted);
        reconciler.Initialize();

        await Eventually.TrueAsync(() => reconciler.Find("w-dark")?.State == WorkloadState.Failed, "the workload is failed");
        Assert.Equal("the jail ended while the agent was away; its exit status is unknown", reconciler.Find("w-dark")?.Reason);
    }

    [Fact]
    public async Task Every_new_record_is_delivered_again_after_a_restart()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-redo")), Cancel);
        _runtime.Jail("w-redo").Exit(0);
        await Eventually.TrueAsync(() => _reconciler.Find("w-redo")?.IsFinished == true, "w-redo has finished");
        _reconciler.MarkDelivered(_reconciler.Snapshot());
        await _reconciler.DisposeAsync();

        var reconciler = _harness.CreateReconciler(new FakeJailRuntime());
        reconciler.Initialize();
        await reconciler.ApplyAsync(Set(2), Cancel);

        // The new process cannot know the old one's heartbeat got through: it reports once more before forgetting.
        Assert.NotNull(reconciler.Find("w-redo"));
        reconciler.MarkDelivered(reconciler.Snapshot());
        Assert.Null(reconciler.Find("w-redo"));
    }

    [Fact]
    public async Task Nothing_is_stopped_before_the_first_set_after_a_restart()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-wait")), Cancel);
        await _reconciler.DisposeAsync();

        var restarted = new FakeJailRuntime();
        restarted.Recoverable.Add(_runtime.Jail("w-wait"));
        var reconciler = _harness.CreateReconciler(restarted);
        reconciler.Initialize();
        reconciler.MarkDelivered(reconciler.Snapshot());

        Assert.Equal(0, _runtime.Jail("w-wait").StopCalls);
        Assert.Equal(WorkloadState.Running, reconciler.Find("w-wait")?.State);

        await reconciler.ApplyAsync(Set(2), Cancel);
        await Eventually.TrueAsync(() => reconciler.Find("w-wait")?.State == WorkloadState.Stopped, "the unassigned workload is stopped");
    }

    [Fact]
    public async Task Ignores_assignments_whose_id_could_escape_the_state_directory()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("../../etc"), Assignment("W-UPPER"), Assignment("w-ok")), Cancel);

        Assert.Equal("w-ok", Assert.Single(_runtime.Started).Id);
        Assert.Equal(["w-ok"], Directory.GetDirectories(Path.Combine(_harness.Options.StateDirectory, "workloads")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Signals_every_state_change()
    {
        _harness.Changes.Consume();
        await _reconciler.ApplyAsync(Set(1, Assignment("w-signal")), Cancel);

        var signalled = _harness.Changes.WaitAsync(Cancel);
        Assert.True(signalled.IsCompleted);
        _harness.Changes.Consume();

        _runtime.Jail("w-signal").Exit(0);
        await _harness.Changes.WaitAsync(Cancel).WaitAsync(TimeSpan.FromSeconds(10), Cancel);
    }
}
