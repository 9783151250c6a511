using System.Collections.Immutable;
using Fleet.Grains.Workloads;

namespace Fleet.Grains.Tests;

public sealed class WorkloadEventRingTests
{
    private static WorkloadSnapshot Workload(long version) => new(
        "w-1",
        new WorkloadSpec("w", ["/bin/true"], 1, 1, "busybox", ImmutableDictionary<string, string>.Empty),
        WorkloadPhase.Pending, null, null, string.Empty, DateTimeOffset.UnixEpoch, [], version);

    [Fact]
    public void An_empty_ring_has_no_gap_at_zero_and_a_gap_ahead()
    {
        var ring = new WorkloadEventRing(4);

        Assert.Equal(0, ring.LastSequence);
        Assert.False(ring.HasGap(0));
        Assert.True(ring.HasGap(1));
        Assert.Empty(ring.After(0, 10));
    }

    [Fact]
    public void Events_come_back_in_order_after_the_cursor()
    {
        var ring = new WorkloadEventRing(4);
        for (var v = 1; v <= 3; v++)
        {
            ring.Add(Workload(v));
        }

        Assert.Equal([2L, 3L], ring.After(1, 10).Select(e => e.Sequence));
        Assert.Equal([1L, 2L], ring.After(0, 2).Select(e => e.Workload.Version));
        Assert.False(ring.HasGap(0));
    }

    [Fact]
    public void Overwritten_events_are_a_gap_and_the_rest_are_still_served()
    {
        var ring = new WorkloadEventRing(4);
        for (var v = 1; v <= 10; v++)
        {
            ring.Add(Workload(v));
        }

        // Events 7..10 remain: a reader at 6 misses nothing, a reader at 5 missed event 6.
        Assert.False(ring.HasGap(6));
        Assert.True(ring.HasGap(5));
        Assert.Equal([7L, 8L, 9L, 10L], ring.After(6, 10).Select(e => e.Sequence));
        Assert.False(ring.HasGap(10));
        Assert.True(ring.HasGap(11));
    }
}
