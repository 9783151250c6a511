namespace Fleet.Scheduling.Placement;

/// <summary>
/// How much a set of victims costs, compared in this order: the highest victim priority, then the
/// number of victims, then the sum of their priorities (kube-scheduler's order: hurting one important
/// workload is worse than hurting several unimportant ones).
/// </summary>
internal readonly record struct PreemptionHarm(int HighestPriority, int Victims, long PrioritySum) : IComparable<PreemptionHarm>
{
    public int CompareTo(PreemptionHarm other) =>
        HighestPriority != other.HighestPriority ? HighestPriority.CompareTo(other.HighestPriority)
        : Victims != other.Victims ? Victims.CompareTo(other.Victims)
        : PrioritySum.CompareTo(other.PrioritySum);

    public static bool operator <(PreemptionHarm left, PreemptionHarm right) => left.CompareTo(right) < 0;

    public static bool operator >(PreemptionHarm left, PreemptionHarm right) => left.CompareTo(right) > 0;

    public static bool operator <=(PreemptionHarm left, PreemptionHarm right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PreemptionHarm left, PreemptionHarm right) => left.CompareTo(right) >= 0;
}
