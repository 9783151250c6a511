using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Placement;

/// <summary>A topology spread with its matching workloads counted per domain and the emptiest eligible domain found.</summary>
internal sealed class CompiledSpread
{
    public CompiledSpread(TopologySpread spread, ClusterSnapshot snapshot, PlacementRequest request, bool[] eligibleDomains)
    {
        Spread = spread;
        Column = snapshot.Table.Column(spread.TopologyKey) ?? LabelColumn.Absent(spread.TopologyKey, snapshot.Count);
        Counts = SelectorCounts.Count(snapshot, spread.Selector);
        Counts.SumByDomain(Column);
        Self = spread.Selector.Matches(request.Labels) ? 1 : 0;
        var min = int.MaxValue;
        var minDomain = -1;
        for (var domain = 0; domain < eligibleDomains.Length; domain++)
        {
            if (eligibleDomains[domain] && Counts.ByDomain[domain] < min)
            {
                (min, minDomain) = (Counts.ByDomain[domain], domain);
            }
        }

        Min = minDomain < 0 ? 0 : min;
        MinDomain = minDomain < 0 ? null : Column.Values[minDomain];
    }

    public TopologySpread Spread { get; }

    public LabelColumn Column { get; }

    public SelectorCounts Counts { get; }

    /// <summary>1 when the workload being placed matches the selector itself and so adds to its domain.</summary>
    public int Self { get; }

    /// <summary>Matching workloads in the emptiest eligible domain.</summary>
    public int Min { get; }

    /// <summary>The emptiest eligible domain, for reasons; null when no domain is eligible.</summary>
    public string? MinDomain { get; }

    /// <summary>The matching workloads in the node's domain, or -1 when it lacks the topology label.</summary>
    public int InDomain(int node)
    {
        var domain = Column.ValueIds[node];
        return domain < 0 ? -1 : Counts.ByDomain[domain];
    }

    /// <summary>For hard spreads: placing here keeps the skew within the maximum.</summary>
    public bool Allows(int node)
    {
        var count = InDomain(node);
        return count >= 0 && count + Self - Min <= Spread.MaxSkew;
    }

    /// <summary>For soft spreads: 1 in the emptiest domain, 0 at max skew above it, -1 at twice that; 0 without the label.</summary>
    public double Score(int node)
    {
        var count = InDomain(node);
        return count < 0 ? 0 : Math.Clamp(1 - ((count - Min) / (double)Spread.MaxSkew), -1, 1);
    }
}
