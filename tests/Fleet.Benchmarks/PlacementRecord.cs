using System.Diagnostics;

namespace Fleet.Benchmarks;

/// <summary>What one run of 50,000 placements measured besides its duration.</summary>
public sealed record PlacementRecord(double P50Micros, double P99Micros, double MaxMicros, int Unplaced, int NodesUsed)
{
    /// <summary>Mean zone skew of the jobs with a soft spread (NaN without spreads).</summary>
    public double SoftSkew { get; init; } = double.NaN;

    /// <summary>Largest zone skew of the jobs with a required spread, max skew 1 (NaN without spreads).</summary>
    public double HardMaxSkew { get; init; } = double.NaN;

    public static PlacementRecord From(long[] ticks, int unplaced, int nodesUsed)
    {
        var sorted = (long[])ticks.Clone();
        Array.Sort(sorted);
        static double Micros(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
        return new PlacementRecord(
            Micros(sorted[sorted.Length / 2]),
            Micros(sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * 0.99) - 1)]),
            Micros(sorted[^1]),
            unplaced,
            nodesUsed);
    }
}
