namespace Fleet.Grains.Workloads;

/// <summary>Orders index entries newest first, ties broken by id, so that listing pages are stable.</summary>
internal sealed class NewestFirst : IComparer<WorkloadIndexEntry>
{
    public static readonly NewestFirst Instance = new();

    public int Compare(WorkloadIndexEntry? x, WorkloadIndexEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var byTime = y.CreatedAt.UtcTicks.CompareTo(x.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(y.Id, x.Id);
    }
}
