using Fleet.Contracts.V1;

namespace Fleet.Cli.Output;

/// <summary><c>fleet top nodes</c>: what each node's workloads use against what the node can give them (allocatable), and what they asked for.</summary>
internal static class NodeUsageTable
{
    public static void Write(IEnumerable<NodeUsage> nodes, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var table = new TextTable("NODE", "CPU(cores)", "CPU%", "MEMORY", "MEMORY%", "ALLOCATED", "ALLOCATABLE", "CAPACITY", "WORKLOADS", "HOST CPU", "HOST MEM AVAIL");
        foreach (var node in nodes)
        {
            var allocatable = node.Allocatable ?? new Resources();
            table.Add(
                node.NodeId,
                UsageText.Cores(node.UsedCpuCores),
                UsageText.Percent(node.UsedCpuCores, allocatable.CpuMillis / 1000.0),
                UsageText.Bytes(node.UsedMemoryBytes),
                UsageText.Percent(node.UsedMemoryBytes, allocatable.MemoryBytes),
                ResourceText.Of(node.Allocated),
                ResourceText.Of(node.Allocatable),
                ResourceText.Of(node.Capacity),
                UsageText.Count(node.RunningWorkloads),
                node.Host is null ? "-" : UsageText.Cores(node.Host.CpuCores),
                node.Host is null ? "-" : UsageText.Bytes(node.Host.MemoryAvailableBytes));
        }

        table.Write(writer);
    }

    public static IEnumerable<NodeUsage> Sort(IEnumerable<NodeUsage> nodes, string sort) => sort switch
    {
        "memory" => nodes.OrderByDescending(n => n.UsedMemoryBytes).ThenBy(n => n.NodeId, StringComparer.Ordinal),
        "name" => nodes.OrderBy(n => n.NodeId, StringComparer.Ordinal),
        _ => nodes.OrderByDescending(n => n.UsedCpuCores).ThenBy(n => n.NodeId, StringComparer.Ordinal),
    };
}
