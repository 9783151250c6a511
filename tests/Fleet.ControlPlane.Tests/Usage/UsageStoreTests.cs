using Fleet.ControlPlane.Usage;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Tests.Usage;

public sealed class UsageStoreTests
{
    private readonly StepClock _clock = new();
    private readonly UsageStore _store;

    public UsageStoreTests() =>
        _store = new UsageStore(Options.Create(new UsageStoreOptions { RecentSamples = 3, StaleAfter = TimeSpan.FromSeconds(30) }), _clock);

    [Fact]
    public void The_ring_keeps_the_last_samples_oldest_first()
    {
        for (var i = 1; i <= 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            _store.Record("node-a", [Sample("w-1", cores: i)], null);
        }

        Assert.Equal([3.0, 4.0, 5.0], _store.Recent("w-1").Select(s => s.Cpu.Cores));
        Assert.Equal(5.0, _store.Latest("w-1")!.Cpu.Cores);
        Assert.Equal("node-a", _store.Latest("w-1")!.NodeId);
    }

    [Fact]
    public void A_repeated_sample_is_kept_once()
    {
        var sample = Sample("w-1", cores: 1);
        _store.Record("node-a", [sample], null);
        _store.Record("node-a", [sample.Clone()], null);

        Assert.Single(_store.Recent("w-1"));
    }

    [Fact]
    public void A_workload_its_node_no_longer_reports_is_not_running_but_its_recent_samples_stay()
    {
        _store.Record("node-a", [Sample("w-1", 1), Sample("w-2", 2)], null);
        _store.Record("node-b", [Sample("w-3", 3)], null);

        _clock.Advance(TimeSpan.FromSeconds(2));
        _store.Record("node-a", [Sample("w-2", 2)], null);

        Assert.Null(_store.Latest("w-1"));
        Assert.Single(_store.Recent("w-1"));
        Assert.Equal(["w-2", "w-3"], _store.Running().Select(s => s.WorkloadId).Order());
        Assert.Equal(["w-2"], _store.Running("node-a").Select(s => s.WorkloadId));
    }

    [Fact]
    public void Samples_of_a_node_that_went_quiet_are_not_current()
    {
        _store.Record("node-a", [Sample("w-1", 1)], null);

        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Null(_store.Latest("w-1"));
        Assert.Empty(_store.Running());
    }

    [Fact]
    public void Node_roll_ups_are_kept_per_node_with_the_heartbeat_node_id()
    {
        _store.Record("node-a", [], new Proto.NodeUsage { NodeId = "spoofed", UsedCpuCores = 1 });
        _store.Record("node-a", [], new Proto.NodeUsage { UsedCpuCores = 2 });

        Assert.Equal(2, _store.LatestNode("node-a")!.UsedCpuCores);
        Assert.Equal("node-a", Assert.Single(_store.Nodes()).NodeId);
        Assert.Equal(2, _store.RecentNode("node-a").Count);
    }

    [Fact]
    public async Task A_watcher_gets_the_latest_first_then_only_what_it_asked_for()
    {
        _store.Record("node-a", [Sample("w-1", 1), Sample("w-2", 2)], new Proto.NodeUsage());
        using var watcher = _store.Watch("w-1", null);

        _clock.Advance(TimeSpan.FromSeconds(1));
        _store.Record("node-a", [Sample("w-1", 3), Sample("w-2", 4)], new Proto.NodeUsage());

        var first = await watcher.Reader.ReadAsync(TestContext.Current.CancellationToken);
        var second = await watcher.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, first.Workload.Cpu.Cores);
        Assert.Equal(3, second.Workload.Cpu.Cores);
        Assert.False(watcher.Reader.TryRead(out _));
    }

    [Fact]
    public void A_disposed_watcher_completes()
    {
        var watcher = _store.Watch(null, null);

        watcher.Dispose();
        _store.Record("node-a", [Sample("w-1", 1)], null);

        Assert.True(watcher.Reader.Completion.IsCompleted);
    }

    private Proto.WorkloadUsage Sample(string id, double cores) => new()
    {
        WorkloadId = id,
        At = Timestamp.FromDateTimeOffset(_clock.GetUtcNow()),
        Cpu = new Proto.CpuUsage { Cores = cores },
    };

    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
