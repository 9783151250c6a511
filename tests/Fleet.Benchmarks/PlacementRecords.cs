using System.Collections.Concurrent;

namespace Fleet.Benchmarks;

/// <summary>
/// Records of each benchmark case's runs, read by the summary's columns. The benchmarks run in the
/// host process (in-process toolchain) so that the columns see what the iterations recorded.
/// </summary>
public static class PlacementRecords
{
    private static readonly ConcurrentDictionary<string, List<PlacementRecord>> Records = new(StringComparer.Ordinal);

    public static void Add(string key, PlacementRecord record)
    {
        var list = Records.GetOrAdd(key, _ => []);
        lock (list)
        {
            list.Add(record);
        }
    }

    /// <summary>The median over the case's runs of one measure, leaving out the first run (warm-up and JIT) when there are others.</summary>
    public static double? Median(string key, Func<PlacementRecord, double> measure)
    {
        if (!Records.TryGetValue(key, out var list))
        {
            return null;
        }

        double[] values;
        lock (list)
        {
            values = [.. list.Skip(list.Count > 1 ? 1 : 0).Select(measure).Order()];
        }

        return values.Length == 0 ? null : values[values.Length / 2];
    }
}
