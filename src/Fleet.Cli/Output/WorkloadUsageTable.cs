using Fleet.Contracts.V1;

namespace Fleet.Cli.Output;

/// <summary>
/// <c>fleet top</c>'s table, in the manner of <c>docker stats</c>: CPU % is of one core (200% is two
/// cores busy), memory is the working set against the limit.
/// </summary>
internal static class WorkloadUsageTable
{
    public static void Write(IEnumerable<WorkloadUsage> samples, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var table = new TextTable("ID", "NAME", "NODE", "CPU %", "CPU LIMIT", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS", "THROTTLED");
        foreach (var sample in samples)
        {
            var cpu = sample.Cpu ?? new CpuUsage();
            var memory = sample.Memory;
            table.Add(
                sample.WorkloadId,
                sample.Name.Length > 0 ? sample.Name : "-",
                sample.NodeId.Length > 0 ? sample.NodeId : "-",
                sample.Cpu is null ? "-" : UsageText.Percent(cpu.Cores, 1),
                cpu.LimitMillis > 0 ? UsageText.Cores(cpu.LimitMillis / 1000.0) : "-",
                memory is null ? "-" : $"{UsageText.Bytes(memory.WorkingSetBytes)} / {(memory.LimitBytes > 0 ? UsageText.Bytes(memory.LimitBytes) : "-")}",
                memory is null ? "-" : UsageText.Percent(memory.WorkingSetBytes, memory.LimitBytes),
                sample.Network is { } network ? $"{UsageText.Bytes(network.ReceiveBytes)} / {UsageText.Bytes(network.TransmitBytes)}" : "-",
                sample.Io is { } io ? $"{UsageText.Bytes(io.ReadBytes)} / {UsageText.Bytes(io.WriteBytes)}" : "-",
                sample.Pids is { } pids ? UsageText.Count(pids.Current) : "-",
                sample.Cpu is null ? "-" : UsageText.Percent(cpu.ThrottledPeriods, cpu.Periods));
        }

        table.Write(writer);
    }

    /// <summary>Heaviest first by <paramref name="sort"/> (cpu, memory or name), ties by id.</summary>
    public static IEnumerable<WorkloadUsage> Sort(IEnumerable<WorkloadUsage> samples, string sort) => sort switch
    {
        "memory" => samples.OrderByDescending(s => s.Memory?.WorkingSetBytes ?? -1).ThenBy(s => s.WorkloadId, StringComparer.Ordinal),
        "name" => samples.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.WorkloadId, StringComparer.Ordinal),
        _ => samples.OrderByDescending(s => s.Cpu?.Cores ?? -1).ThenBy(s => s.WorkloadId, StringComparer.Ordinal),
    };
}
