using System.Collections.Immutable;
using System.Diagnostics;

namespace Fleet.Grains.Tests;

/// <summary>Counts every event of its cluster, so it has a cluster of its own.</summary>
public sealed class WorkloadEventsTests : OwnCluster
{
    [Fact]
    public async Task A_watcher_gets_each_change_after_its_cursor()
    {
        var cursor = (await S.WorkloadIndex.WaitForEvents(-1, TimeSpan.Zero)).LastSequence;
        await S.RegisterNode("2", "1Gi");

        var waiting = S.WorkloadIndex.WaitForEvents(cursor, TimeSpan.FromSeconds(20));
        var workload = await S.Submit("0.5", "64Mi");
        var first = await waiting;

        Assert.False(first.Gap);
        Assert.NotEmpty(first.Events);
        Assert.All(first.Events, e => Assert.Equal(workload.Id, e.Workload.Id));
        Assert.Equal(cursor + 1, first.Events[0].Sequence);
        Assert.Equal(first.Events[^1].Sequence, first.LastSequence);

        await S.Report(workload, WorkloadPhase.Running);
        var all = await Eventually.Until(
            () => S.WorkloadIndex.WaitForEvents(cursor, TimeSpan.Zero),
            b => b.Events.Any(e => e.Workload.Phase == WorkloadPhase.Running),
            "the Running event");
        Assert.Equal(
            Enumerable.Range(1, all.Events.Length).Select(i => cursor + i),
            all.Events.Select(e => e.Sequence));
        Assert.Equal(all.Events.Select(e => e.Workload.Version).Order(), all.Events.Select(e => e.Workload.Version));
        Assert.Equal(WorkloadPhase.Running, all.Events[^1].Workload.Phase);
        Assert.Equal(workload.NodeId, all.Events[^1].Workload.NodeId);
    }

    [Fact]
    public async Task A_quiet_wait_ends_empty_after_max_wait()
    {
        var cursor = (await S.WorkloadIndex.WaitForEvents(-1, TimeSpan.Zero)).LastSequence;

        var watch = Stopwatch.StartNew();
        var batch = await S.WorkloadIndex.WaitForEvents(cursor, TimeSpan.FromMilliseconds(400));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"returned after {watch.Elapsed}");
        Assert.Empty(batch.Events);
        Assert.False(batch.Gap);
        Assert.Equal(cursor, batch.LastSequence);
    }

    [Fact]
    public async Task A_cursor_ahead_of_the_index_is_a_gap()
    {
        var cursor = (await S.WorkloadIndex.WaitForEvents(-1, TimeSpan.Zero)).LastSequence;

        var batch = await S.WorkloadIndex.WaitForEvents(cursor + 1000, TimeSpan.FromSeconds(20));

        Assert.True(batch.Gap);
        Assert.Empty(batch.Events);
        Assert.Equal(cursor, batch.LastSequence);
    }

    [Fact]
    public async Task Events_that_fell_off_the_ring_are_a_gap()
    {
        var start = (await S.WorkloadIndex.WaitForEvents(-1, TimeSpan.Zero)).LastSequence;
        var spec = S.Spec("0.1", "1Mi");
        for (var i = 0; i < 4200; i++)
        {
            // Distinct, already placed workloads: each publication is an event, none is retried.
            await S.WorkloadIndex.Publish(new WorkloadSnapshot(
                S.NewWorkloadId(), spec, WorkloadPhase.Running, "node-x", null, "test", DateTimeOffset.UtcNow, ImmutableArray<StateChange>.Empty, 1));
        }

        var latest = await Eventually.Until(
            () => S.WorkloadIndex.WaitForEvents(-1, TimeSpan.Zero),
            b => b.LastSequence >= start + 4200,
            "all publications arriving");

        var stale = await S.WorkloadIndex.WaitForEvents(start, TimeSpan.FromSeconds(20));
        Assert.True(stale.Gap);
        var recent = await S.WorkloadIndex.WaitForEvents(latest.LastSequence - 10, TimeSpan.FromSeconds(20));
        Assert.False(recent.Gap);
        Assert.Equal(10, recent.Events.Length);
        Assert.Equal(latest.LastSequence, recent.LastSequence);
    }
}
