using System.Collections.Immutable;
using Fleet.Domain;

namespace Fleet.Scheduling;

/// <summary>
/// First fit: every ready node with enough free CPU and memory that offers the rootfs, in node id
/// order (ordinal), so that the same snapshot always gives the same answer.
/// </summary>
public sealed class FirstFitPlacementPolicy : IPlacementPolicy
{
    public PlacementDecision Place(IReadOnlyCollection<NodeCandidate> nodes, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(request);

        var feasible = ImmutableArray.CreateBuilder<string>();
        var rejections = ImmutableArray.CreateBuilder<NodeRejection>();
        foreach (var node in nodes.OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            var whyNot = NodeFit.WhyNot(node, request);
            if (whyNot is null)
            {
                feasible.Add(node.Id);
            }
            else
            {
                rejections.Add(new NodeRejection(node.Id, whyNot));
            }
        }

        var reason = feasible.Count > 0 ? string.Empty : PendingReason(rejections, request);
        return new PlacementDecision(feasible.ToImmutable(), rejections.ToImmutable(), reason);
    }

    private static string PendingReason(ImmutableArray<NodeRejection>.Builder rejections, PlacementRequest request)
    {
        if (rejections.Count == 0)
        {
            return "no node is registered";
        }

        return $"no node has room for {Quantity.FormatCpu(request.Resources.CpuMillis)} CPU, "
            + $"{Quantity.FormatMemory(request.Resources.MemoryBytes)} memory, rootfs \"{request.Rootfs}\": "
            + string.Join("; ", rejections);
    }
}
