using System.Collections.Immutable;
using Fleet.Scheduling;

namespace Fleet.Benchmarks;

/// <summary>
/// Memory a snapshot holds: measured as the managed heap's growth (after full collections) when a
/// 5,000-node snapshot is built, and when 100,000 workloads (labels shared per job of 10, as
/// replicas share them) are then placed on it. Measured once per process.
/// </summary>
public static class SnapshotFootprint
{
    private static readonly Lazy<(double PerThousandNodes, double PerHundredThousandWorkloads)> Measured = new(Measure);

    public static double BytesPerThousandNodes => Measured.Value.PerThousandNodes;

    public static double BytesPerHundredThousandWorkloads => Measured.Value.PerHundredThousandWorkloads;

    private static (double, double) Measure()
    {
        const int Nodes = SimulatedCluster.NodeCount;
        const int Workloads = 100_000;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var snapshot = SimulatedCluster.Snapshot(Nodes);
        var withNodes = GC.GetTotalMemory(forceFullCollection: true);

        var labels = ImmutableDictionary<string, string>.Empty;
        for (var i = 0; i < Workloads; i++)
        {
            if (i % SimulatedCluster.ReplicasPerJob == 0)
            {
                labels = ImmutableDictionary<string, string>.Empty.Add("app", $"job-{i / SimulatedCluster.ReplicasPerJob:D5}");
            }

            var workload = new PlacedWorkload($"w-{i:D6}")
            {
                JobId = labels["app"],
                Labels = labels,
                Resources = new ResourceVector(100, 64L << 20, 16),
            };
            snapshot = snapshot.Place($"node-{i % Nodes:D5}", workload);
        }

        var withWorkloads = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(snapshot);
        return ((withNodes - before) / (Nodes / 1000.0), withWorkloads - withNodes);
    }
}
