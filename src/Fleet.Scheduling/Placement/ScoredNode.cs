namespace Fleet.Scheduling.Placement;

/// <summary>A feasible node's score inside a run; parts that do not apply are NaN.</summary>
internal readonly record struct ScoredNode(int Node, double Score, double Fit, double Spread, double Affinity, double Job, ulong TieKey)
{
    /// <summary>Higher score first; equal scores by tie key (the node's index in id order, or a seeded hash).</summary>
    public bool IsBetterThan(in ScoredNode other) =>
        Score > other.Score || (Score == other.Score && TieKey < other.TieKey);
}
