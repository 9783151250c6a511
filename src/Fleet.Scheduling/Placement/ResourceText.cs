using System.Globalization;
using Fleet.Domain;

namespace Fleet.Scheduling.Placement;

/// <summary>Resources in the words reasons use ("0.5 CPU", "64Mi memory"), shared by every filter and by <see cref="NodeFit"/>.</summary>
internal static class ResourceText
{
    public const int CpuShort = 1;
    public const int MemoryShort = 2;
    public const int PidsShort = 4;

    public static string Cpu(long millis) => $"{Quantity.FormatCpu(millis)} CPU";

    public static string Memory(long bytes) => $"{Quantity.FormatMemory(bytes)} memory";

    public static string Pids(long pids) => string.Create(CultureInfo.InvariantCulture, $"{pids} pids");

    /// <summary>"0.5 CPU, 64Mi memory" and ", 100 pids" when it has any.</summary>
    public static string Describe(ResourceVector resources) =>
        $"{Cpu(resources.CpuMillis)}, {Memory(resources.MemoryBytes)}{(resources.Pids > 0 ? ", " + Pids(resources.Pids) : string.Empty)}";

    /// <summary>"needs 0.5 CPU, 0.25 free, needs 64Mi memory, 32Mi free" for each dimension in <paramref name="shortOf"/>.</summary>
    public static string Shortages(ResourceVector demand, ResourceVector free, int shortOf)
    {
        var parts = new List<string>(3);
        if ((shortOf & CpuShort) != 0)
        {
            parts.Add($"needs {Quantity.FormatCpu(demand.CpuMillis)} CPU, {Quantity.FormatCpu(Math.Max(0, free.CpuMillis))} free");
        }

        if ((shortOf & MemoryShort) != 0)
        {
            parts.Add($"needs {Quantity.FormatMemory(demand.MemoryBytes)} memory, {Quantity.FormatMemory(Math.Max(0, free.MemoryBytes))} free");
        }

        if ((shortOf & PidsShort) != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"needs {demand.Pids} pids, {Math.Max(0, free.Pids)} free"));
        }

        return string.Join(", ", parts);
    }

    /// <summary>The dimensions of <paramref name="demand"/> that <paramref name="free"/> does not cover; pids only when <paramref name="pidsAccounted"/>.</summary>
    public static int ShortOf(ResourceVector demand, ResourceVector free, bool pidsAccounted = true) =>
        (demand.CpuMillis > free.CpuMillis ? CpuShort : 0)
        | (demand.MemoryBytes > free.MemoryBytes ? MemoryShort : 0)
        | (pidsAccounted && demand.Pids > free.Pids ? PidsShort : 0);
}
