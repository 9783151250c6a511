using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Fleet.Benchmarks;

/// <summary>
/// A short job (one warm-up and three measured runs of 50,000 placements each, one invocation per
/// run) that finishes in a few minutes on a 2-core machine, run in-process so that the columns read
/// what the runs recorded; and the columns issue 5 asks for.
/// </summary>
public sealed class PlacementBenchmarkConfig : ManualConfig
{
    public PlacementBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("Short"));
        AddColumn(
            new PlacementColumn("Placements/s", "placements per second, including applying each to the snapshot", (summary, benchmark) =>
                summary[benchmark]?.ResultStatistics is { } stats ? 1e9 / stats.Mean : null),
            Recorded("p50 decision", "median time of one Placer.Place call, µs", r => r.P50Micros),
            Recorded("p99 decision", "99th percentile time of one Placer.Place call, µs", r => r.P99Micros),
            Recorded("max decision", "slowest Placer.Place call, µs", r => r.MaxMicros),
            Recorded("Nodes used", "nodes holding at least one of the 50,000 workloads at the end (fewer: tighter packing)", r => r.NodesUsed),
            Recorded("Unplaced", "workloads for which no node fitted", r => r.Unplaced),
            Recorded("Soft skew", "mean over soft-spread jobs of most minus fewest replicas per usable zone (Spread scenario; 0 or 1 is even)", r => r.SoftSkew),
            Recorded("Hard max skew", "largest zone skew of a job with a required spread of max skew 1 (Spread scenario)", r => r.HardMaxSkew),
            new PlacementColumn("Snapshot KB/1k nodes", "heap held by a snapshot per 1,000 nodes (labels, rootfs, no workloads)", (_, _) =>
                SnapshotFootprint.BytesPerThousandNodes / 1024),
            new PlacementColumn("Snapshot MB/100k workloads", "heap added to a snapshot by 100,000 placed workloads", (_, _) =>
                SnapshotFootprint.BytesPerHundredThousandWorkloads / (1024 * 1024)));
    }

    private static PlacementColumn Recorded(string name, string legend, Func<PlacementRecord, double> measure) =>
        new(name, legend, (_, benchmark) => PlacementRecords.Median(Key(benchmark), measure));

    private static string Key(BenchmarkDotNet.Running.BenchmarkCase benchmark) =>
        $"{benchmark.Parameters[nameof(PlacementBenchmarks.Scenario)]}/{benchmark.Parameters[nameof(PlacementBenchmarks.Candidates)]}";
}
