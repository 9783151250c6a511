using System.Collections.Immutable;
using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

/// <summary>Short ways to write labels, workloads and requests in tests.</summary>
public static class Harness
{
    /// <summary>Labels from "key=value" pairs.</summary>
    public static ImmutableDictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToImmutableDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>A placed workload holding <paramref name="cpu"/> and <paramref name="memory"/>.</summary>
    public static PlacedWorkload Workload(string id, string cpu = "0.5", string memory = "64Mi", int priority = 50, params string[] labels) =>
        new(id)
        {
            Resources = new ResourceVector(NodeBuilder.Cpu(cpu), NodeBuilder.Memory(memory)),
            Priority = priority,
            Labels = Labels(labels),
        };

    public static PlacementRequest Request(string cpu = "0.5", string memory = "64Mi", string rootfs = "busybox") =>
        ClusterBuilder.Request(cpu, memory, rootfs);

    public static PlacementRequest Constrained(this PlacementRequest request, params string[] constraints) =>
        request with { Constraints = [.. constraints.Select(LabelConstraint.Parse)] };

    public static PlacementDecision Place(this ClusterSnapshot snapshot, PlacementRequest request, PlacementOptions? options = null) =>
        new Placer(options ?? PlacementOptions.Plan).Place(snapshot, request);

    public static string ReasonFor(this PlacementDecision decision, string nodeId) =>
        Assert.Single(decision.Rejections, r => r.NodeId == nodeId).Reason;
}
