using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Fleet.Scheduling;

namespace Fleet.Benchmarks;

/// <summary>
/// Issue 5's placement benchmark for the pure library: 50,000 workloads placed one after another on
/// 5,000 simulated nodes, each decision applied to the evolving snapshot before the next (as a
/// placer on a silo does with its own placements). One operation is one placement: the mean is the
/// time per placement including applying it, and Allocated is bytes per placement. The extra columns
/// are the percentiles of the decision alone (<see cref="Placer.Place"/>), how many nodes the 50,000
/// workloads ended up on (packing quality) and how many found no node.
/// </summary>
[Config(typeof(PlacementBenchmarkConfig))]
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private ClusterSnapshot _cluster = ClusterSnapshot.Empty;
    private (PlacementRequest Request, PlacedWorkload Workload)[] _workloads = [];
    private Placer _placer = new();
    private long[] _ticks = [];
    private ClusterSnapshot _last = ClusterSnapshot.Empty;
    private int _unplaced;
    private Dictionary<string, (string[] Zones, bool Required)> _spreadJobs = [];

    [Params(Scenario.Plain, Scenario.Constraints, Scenario.Spread)]
    public Scenario Scenario { get; set; }

    /// <summary>"default": log2(nodes) candidates, at least 100 with soft spreads or affinities. "all": exhaustive.</summary>
    [Params("default", "all")]
    public string Candidates { get; set; } = "default";

    [GlobalSetup]
    public void Setup()
    {
        _cluster = SimulatedCluster.Snapshot();
        _workloads = SimulatedCluster.Workloads(Scenario);
        _placer = new Placer(PlacementOptions.Default with
        {
            Seed = 1,
            CandidateLimit = Candidates == "all" ? CandidateLimit.All : CandidateLimit.Default,
        });
        _ticks = new long[_workloads.Length];
        _spreadJobs = SpreadJobs(_cluster, _workloads);
    }

    [Benchmark(OperationsPerInvoke = SimulatedCluster.PlacementCount)]
    public ClusterSnapshot Place50000On5000Nodes()
    {
        var snapshot = _cluster;
        var unplaced = 0;
        for (var i = 0; i < _workloads.Length; i++)
        {
            var (request, workload) = _workloads[i];
            var start = Stopwatch.GetTimestamp();
            var decision = _placer.Place(snapshot, request);
            _ticks[i] = Stopwatch.GetTimestamp() - start;
            if (decision.Chosen is null)
            {
                unplaced++;
                continue;
            }

            snapshot = snapshot.Apply(decision, workload);
        }

        _last = snapshot;
        _unplaced = unplaced;
        return snapshot;
    }

    [IterationCleanup]
    public void Record()
    {
        if (_last.Count == 0)
        {
            return;
        }

        var nodesUsed = _last.Nodes.Count(n => n.Workloads.Length > 0);
        var (softSkew, hardSkew) = Skews(_last, _spreadJobs);
        PlacementRecords.Add($"{Scenario}/{Candidates}", PlacementRecord.From(_ticks, _unplaced, nodesUsed) with { SoftSkew = softSkew, HardMaxSkew = hardSkew });
        _last = ClusterSnapshot.Empty;
    }

    /// <summary>For each job with a zone spread: the zones it may use (a node there meets its rootfs and constraints) and whether the spread is required.</summary>
    private static Dictionary<string, (string[] Zones, bool Required)> SpreadJobs(ClusterSnapshot cluster, (PlacementRequest Request, PlacedWorkload Workload)[] workloads)
    {
        var zonesByRules = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var jobs = new Dictionary<string, (string[], bool)>(StringComparer.Ordinal);
        foreach (var (request, _) in workloads)
        {
            if (request.Spreads.IsEmpty || jobs.ContainsKey(request.JobId!))
            {
                continue;
            }

            var rules = $"{request.Rootfs}|{string.Join('|', request.Constraints)}";
            if (!zonesByRules.TryGetValue(rules, out var zones))
            {
                zonesByRules[rules] = zones = [.. cluster.Nodes
                    .Where(n => n.Rootfs.Contains(request.Rootfs) && request.Constraints.All(c => c.IsSatisfiedBy(n.Labels)))
                    .Select(n => n.Labels["zone"])
                    .Distinct()];
            }

            jobs[request.JobId!] = (zones, request.Spreads[0].Required);
        }

        return jobs;
    }

    /// <summary>The mean zone skew (most minus fewest replicas over the zones a job may use) of soft-spread jobs, and the largest of required ones.</summary>
    private static (double Soft, double Hard) Skews(ClusterSnapshot snapshot, Dictionary<string, (string[] Zones, bool Required)> jobs)
    {
        if (jobs.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var perZone = new Dictionary<(string Job, string Zone), int>();
        foreach (var node in snapshot.Nodes)
        {
            foreach (var workload in node.Workloads)
            {
                var key = (workload.JobId!, node.Labels["zone"]);
                perZone[key] = perZone.GetValueOrDefault(key) + 1;
            }
        }

        var soft = new List<int>();
        var hard = 0;
        foreach (var (job, (zones, required)) in jobs)
        {
            var counts = zones.Select(z => perZone.GetValueOrDefault((job, z))).ToArray();
            var skew = counts.Length == 0 ? 0 : counts.Max() - counts.Min();
            if (required)
            {
                hard = Math.Max(hard, skew);
            }
            else
            {
                soft.Add(skew);
            }
        }

        return (soft.Average(), hard);
    }
}
