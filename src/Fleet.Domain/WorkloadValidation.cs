namespace Fleet.Domain;

/// <summary>
/// The rules a workload must meet before anything is stored. Field names are the public API's
/// proto paths, so a client can point at the flag or field that broke the rule.
/// </summary>
public static class WorkloadValidation
{
    /// <summary>The cluster as validation sees it: what the largest node could hold, and which rootfs names exist.</summary>
    /// <param name="LargestNode">The most memory and the most CPU any single registered node has; null when no node has registered yet.</param>
    /// <param name="KnownRootfs">Rootfs names some registered node offers; empty when no node has registered yet.</param>
    public sealed record ClusterLimits(ResourceRequest? LargestNode, IReadOnlySet<string> KnownRootfs)
    {
        public static readonly ClusterLimits Unknown = new(null, new HashSet<string>());
    }

    public static IReadOnlyList<FieldViolation> Validate(WorkloadDefinition workload, ClusterLimits limits)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(limits);
        var violations = new List<FieldViolation>();

        if (!DnsLabel.IsValid(workload.Name))
        {
            violations.Add(new("spec.name", $"'{workload.Name}' {DnsLabel.Rule}"));
        }

        if (workload.Command.Count == 0 || string.IsNullOrWhiteSpace(workload.Command[0]))
        {
            violations.Add(new("spec.command", "must not be empty: give the program to run"));
        }

        if (workload.Resources.MemoryBytes <= 0)
        {
            violations.Add(new("spec.resources.memory_bytes", "must be greater than zero"));
        }
        else if (limits.LargestNode is { } largest && workload.Resources.MemoryBytes > largest.MemoryBytes)
        {
            violations.Add(new("spec.resources.memory_bytes",
                $"{Quantity.FormatMemory(workload.Resources.MemoryBytes)} is more than any node can hold (largest: {Quantity.FormatMemory(largest.MemoryBytes)})"));
        }

        if (workload.Resources.CpuMillis <= 0)
        {
            violations.Add(new("spec.resources.cpu_millis", "must be greater than zero"));
        }
        else if (limits.LargestNode is { } largest && workload.Resources.CpuMillis > largest.CpuMillis)
        {
            violations.Add(new("spec.resources.cpu_millis",
                $"{Quantity.FormatCpu(workload.Resources.CpuMillis)} cores is more than any node has (largest: {Quantity.FormatCpu(largest.CpuMillis)})"));
        }

        if (limits.KnownRootfs.Count > 0 && !limits.KnownRootfs.Contains(workload.Rootfs))
        {
            violations.Add(new("spec.rootfs",
                $"unknown rootfs '{workload.Rootfs}': no node offers it (known: {string.Join(", ", limits.KnownRootfs.Order(StringComparer.Ordinal))})"));
        }

        foreach (var key in workload.Environment.Keys)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal))
            {
                violations.Add(new("spec.env", $"'{key}' is not a valid variable name: it must be non-empty and contain no '=' or NUL"));
            }
        }

        return violations;
    }
}
