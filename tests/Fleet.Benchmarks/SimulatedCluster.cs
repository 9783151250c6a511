using System.Collections.Immutable;
using Fleet.Domain;
using Fleet.Scheduling;

namespace Fleet.Benchmarks;

/// <summary>
/// The simulated cluster of the benchmark: 5,000 nodes of 16 cores and 64 GiB in five
/// zones, with kernel, arch and disk labels; and 50,000 workloads, 10 replicas each of 5,000 jobs,
/// of mixed sizes (about 1 core and 2 GiB on average, so the cluster ends about 60% full on CPU).
/// Everything is generated from fixed seeds: every run places the same workloads.
/// </summary>
public static class SimulatedCluster
{
    public const int NodeCount = 5_000;
    public const int PlacementCount = 50_000;
    public const int ReplicasPerJob = 10;

    private static readonly string[] Kernels = ["6.1.0", "6.6.0", "6.12.0", "6.18.0"];

    private static readonly (long CpuMillis, long MemoryBytes, int Weight)[] Sizes =
    [
        (250, 256L << 20, 3), (500, 512L << 20, 3), (1000, 2L << 30, 2), (2000, 4L << 30, 1), (4000, 8L << 30, 1),
    ];

    public static ClusterSnapshot Snapshot(int nodes = NodeCount) => ClusterSnapshot.Create(Nodes(nodes));

    public static IEnumerable<ClusterNode> Nodes(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var labels = ImmutableDictionary.CreateBuilder<string, string>();
            labels.Add("zone", $"z{(i % 5) + 1}");
            labels.Add("kernel", Kernels[i % Kernels.Length]);
            labels.Add("arch", i % 10 == 0 ? "arm64" : "amd64");
            labels.Add("disk", i % 3 == 0 ? "hdd" : "ssd");
            yield return new ClusterNode($"node-{i:D5}")
            {
                Labels = labels.ToImmutable(),
                Capacity = new ResourceVector(16_000, 64L << 30, 32_768),
                Rootfs = i % 4 != 3 ? ["busybox", "alpine"] : ["busybox"],
            };
        }
    }

    /// <summary>The requests, and each one's workload as it sits on its node once placed.</summary>
    public static (PlacementRequest Request, PlacedWorkload Workload)[] Workloads(Scenario scenario, int count = PlacementCount)
    {
        var random = new Random(2);
        var weights = Sizes.Sum(s => s.Weight);
        var result = new (PlacementRequest, PlacedWorkload)[count];
        PlacementRequest? job = null;
        for (var i = 0; i < count; i++)
        {
            var jobIndex = i / ReplicasPerJob;
            if (i % ReplicasPerJob == 0)
            {
                job = Job(scenario, jobIndex, PickSize(random.Next(weights)));
            }

            var id = $"w-{i:D6}";
            var request = job! with { WorkloadId = id, Replica = i % ReplicasPerJob };
            result[i] = (request, request.ToPlacedWorkload(id));
        }

        return result;
    }

    private static (long CpuMillis, long MemoryBytes) PickSize(int roll)
    {
        foreach (var (cpu, memory, weight) in Sizes)
        {
            if (roll < weight)
            {
                return (cpu, memory);
            }

            roll -= weight;
        }

        return (Sizes[0].CpuMillis, Sizes[0].MemoryBytes);
    }

    private static PlacementRequest Job(Scenario scenario, int job, (long CpuMillis, long MemoryBytes) size)
    {
        var app = $"job-{job:D5}";
        var request = new PlacementRequest(new ResourceRequest(size.MemoryBytes, size.CpuMillis), job % 3 == 0 ? "alpine" : "busybox")
        {
            JobId = app,
            Pids = 64,
            Labels = ImmutableDictionary<string, string>.Empty.Add("app", app),
            HostPorts = job % 20 == 0 ? [9000 + (job % 50)] : [],
        };

        if (scenario == Scenario.Plain)
        {
            return request;
        }

        request = request with
        {
            Constraints = (job % 4) switch
            {
                0 => [LabelConstraint.Parse("arch=amd64")],
                1 => [LabelConstraint.Parse("kernel semver >= 6.6"), LabelConstraint.Parse("disk!=hdd")],
                2 => [LabelConstraint.Parse("zone in (z1, z2, z3)")],
                _ => [LabelConstraint.Parse("disk exists"), LabelConstraint.Parse("gpu not exists")],
            },
        };

        if (scenario == Scenario.Constraints)
        {
            return request;
        }

        return request with
        {
            Spreads = [new TopologySpread("zone", WorkloadSelector.Label("app", app), MaxSkew: 1, Required: job % 2 == 0)],
            Affinities = job % 5 == 0 && job > 0
                ? [WorkloadAffinity.Prefer(WorkloadSelector.Label("app", $"job-{job - 1:D5}"), weight: 30, topologyKey: "zone")]
                : [],
        };
    }
}
