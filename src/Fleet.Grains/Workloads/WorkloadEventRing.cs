using System.Collections.Immutable;

namespace Fleet.Grains.Workloads;

/// <summary>
/// The last few thousand workload events, in memory only. Sequence numbers start at 1 in each
/// activation; a reader that asks for events that fell off, or for a sequence this activation
/// never reached (the index restarted), is told there is a gap and re-reads current state.
/// </summary>
internal sealed class WorkloadEventRing(int capacity)
{
    private readonly WorkloadEvent[] _events = new WorkloadEvent[capacity];

    /// <summary>The sequence of the newest event; 0 before the first.</summary>
    public long LastSequence { get; private set; }

    private long OldestSequence => Math.Max(1, LastSequence - _events.Length + 1);

    public void Add(WorkloadSnapshot workload)
    {
        LastSequence++;
        _events[LastSequence % _events.Length] = new WorkloadEvent(LastSequence, workload);
    }

    /// <summary>True when events after <paramref name="afterSequence"/> are missing from the ring.</summary>
    public bool HasGap(long afterSequence) =>
        afterSequence > LastSequence || (LastSequence > 0 && afterSequence < OldestSequence - 1);

    /// <summary>Up to <paramref name="max"/> events after <paramref name="afterSequence"/>, oldest first.</summary>
    public ImmutableArray<WorkloadEvent> After(long afterSequence, int max)
    {
        var first = Math.Max(afterSequence + 1, OldestSequence);
        var last = Math.Min(LastSequence, first + max - 1);
        if (first > last)
        {
            return [];
        }

        var events = ImmutableArray.CreateBuilder<WorkloadEvent>((int)(last - first + 1));
        for (var sequence = first; sequence <= last; sequence++)
        {
            events.Add(_events[sequence % _events.Length]);
        }

        return events.MoveToImmutable();
    }
}
