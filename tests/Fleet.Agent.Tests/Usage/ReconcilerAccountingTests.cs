using Fleet.Agent.Connection;
using Fleet.Agent.Tests.Fakes;
using Fleet.Agent.Usage;
using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using Microsoft.Extensions.Logging.Abstractions;
using static Fleet.Agent.Tests.Fakes.AgentHarness;

namespace Fleet.Agent.Tests.Usage;

/// <summary>The reconciler's hooks: sampling starts when a workload runs, and its final accounting is taken at its end and reported with its final state.</summary>
public sealed class ReconcilerAccountingTests : IAsyncLifetime
{
    private readonly AgentHarness _harness = new();
    private readonly FakeJailRuntime _runtime = new();
    private readonly CgroupTree _tree = new();
    private readonly List<WorkloadReconciler> _reconcilers = [];
    private WorkloadUsageSampler _sampler = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _sampler = new WorkloadUsageSampler(
            new UsageSources(_tree.CgroupRoot, _tree.ProcRoot),
            new NodeDescription("node-a", "127.0.0.1:7410", new Resources { CpuMillis = 2000, MemoryBytes = 4L << 30 }),
            Microsoft.Extensions.Options.Options.Create(_harness.Options),
            TimeProvider.System,
            NullLogger<WorkloadUsageSampler>.Instance);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var reconciler in _reconcilers)
        {
            await reconciler.DisposeAsync();
        }

        _sampler.Dispose();
        await _harness.DisposeAsync();
        _tree.Dispose();
    }

    [Fact]
    public async Task A_running_workload_is_sampled_and_its_final_accounting_rides_on_its_final_state()
    {
        var reconciler = NewReconciler();
        _tree.Set("w-1", cpuMicros: 250_000, memoryBytes: 8L << 20);
        await reconciler.ApplyAsync(Set(1, Assignment("w-1")), Cancel);

        var sample = Assert.Single(_sampler.Latest());
        Assert.Equal("w-1", sample.WorkloadId);
        Assert.Equal(64L << 20, sample.Memory.LimitBytes);
        Assert.Null(reconciler.Snapshot().Single().Status.FinalUsage);

        _tree.Set("w-1", cpuMicros: 900_000, memoryBytes: 0, peakBytes: 20L << 20, oomKills: 1);
        _runtime.Jail("w-1").Exit(137);
        await Eventually.TrueAsync(() => reconciler.Find("w-1")?.IsFinished == true, "w-1 is finished");

        var status = reconciler.Snapshot().Single().Status;
        Assert.Equal(WorkloadState.Exited, status.State);
        Assert.NotNull(status.FinalUsage);
        Assert.Equal(900_000_000, status.FinalUsage.CpuUsageNanos);
        Assert.Equal(20L << 20, status.FinalUsage.MemoryPeakBytes);
        Assert.True(status.FinalUsage.OomKilled);
        Assert.Empty(_sampler.Latest());
    }

    [Fact]
    public async Task The_final_accounting_survives_an_agent_restart_in_the_record()
    {
        var first = NewReconciler();
        _tree.Set("w-1", cpuMicros: 1_000, memoryBytes: 1L << 20);
        await first.ApplyAsync(Set(1, Assignment("w-1")), Cancel);
        _tree.Set("w-1", cpuMicros: 123_456, memoryBytes: 0, peakBytes: 3L << 20, inactiveFileBytes: 0);
        _tree.SetNetwork(1, 0, 0);
        _runtime.Jail("w-1").Exit(0);
        await Eventually.TrueAsync(() => first.Find("w-1")?.IsFinished == true, "w-1 is finished");
        var before = first.Snapshot().Single().Status.FinalUsage;

        var second = NewReconciler();
        second.Initialize();

        var after = second.Snapshot().Single().Status.FinalUsage;
        Assert.Equal(before, after);
        Assert.Equal(123_456_000, after.CpuUsageNanos);
        Assert.False(after.OomKilled);
    }

    [Fact]
    public async Task A_kill_without_an_oom_kill_is_not_reported_as_oom()
    {
        var reconciler = NewReconciler();
        _tree.Set("w-1", cpuMicros: 1_000, memoryBytes: 1L << 20);
        await reconciler.ApplyAsync(Set(1, Assignment("w-1")), Cancel);

        _runtime.Jail("w-1").Exit(137);
        await Eventually.TrueAsync(() => reconciler.Find("w-1")?.IsFinished == true, "w-1 is finished");

        var final = reconciler.Snapshot().Single().Status.FinalUsage;
        Assert.Equal(137, reconciler.Snapshot().Single().Status.ExitCode);
        Assert.False(final.OomKilled);
        Assert.Equal(0, final.OomKills);
    }

    private WorkloadReconciler NewReconciler()
    {
        var options = Microsoft.Extensions.Options.Options.Create(_harness.Options);
        var reconciler = new WorkloadReconciler(
            _runtime,
            new WorkloadRecordStore(options, NullLogger<WorkloadRecordStore>.Instance),
            _harness.Logs,
            _harness.Rootfs,
            _harness.Changes,
            _harness.Metrics,
            options,
            TimeProvider.System,
            NullLogger<WorkloadReconciler>.Instance,
            _sampler);
        _reconcilers.Add(reconciler);
        return reconciler;
    }
}
