using Fleet.Scheduling;
using static Fleet.Scheduling.Tests.Harness;

namespace Fleet.Scheduling.Tests;

/// <summary>What the candidate limit costs in packing: sampled bin-packing stays close to exhaustive best fit.</summary>
public sealed class PackingQualityTests
{
    [Fact]
    public void Logarithmic_candidates_pack_nearly_as_tightly_as_scoring_every_node()
    {
        var exhaustive = NodesUsed(PlacementOptions.Default with { CandidateLimit = CandidateLimit.All });
        var logarithmic = NodesUsed(PlacementOptions.Default with { Seed = 3 });
        var spread = NodesUsed(PlacementOptions.Default with { Strategy = ScoringStrategy.Spread });

        Assert.True(logarithmic <= exhaustive * 1.05, $"log2 used {logarithmic} nodes, exhaustive {exhaustive}");
        TestContext.Current.SendDiagnosticMessage($"nodes used: exhaustive {exhaustive}, log2 {logarithmic}, spread {spread}");
        Assert.Equal(500, spread);
    }

    /// <summary>Places 2,000 workloads of mixed sizes on 500 nodes; returns how many nodes hold any.</summary>
    private static int NodesUsed(PlacementOptions options)
    {
        var builder = new ClusterBuilder();
        for (var i = 0; i < 500; i++)
        {
            builder.Node($"n{i:D3}", n => n.Capacity("8", "16Gi"));
        }

        var snapshot = builder.Snapshot();
        var placer = new Placer(options);
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var request = Request($"{random.Next(1, 9) * 250}m", $"{random.Next(1, 9) * 256}Mi") with { WorkloadId = $"w{i}" };
            var decision = placer.Place(snapshot, request);
            Assert.True(decision.IsPlaced, decision.Reason);
            snapshot = snapshot.Apply(decision, request.ToPlacedWorkload($"w{i}"));
        }

        return snapshot.Nodes.Count(n => n.Workloads.Length > 0);
    }
}
