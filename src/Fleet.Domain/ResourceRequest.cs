namespace Fleet.Domain;

/// <summary>Resources a workload asks for or a node offers.</summary>
/// <param name="MemoryBytes">Memory in bytes.</param>
/// <param name="CpuMillis">CPU in thousandths of a core: 500 is half a core.</param>
public sealed record ResourceRequest(long MemoryBytes, long CpuMillis)
{
    public static readonly ResourceRequest None = new(0, 0);

    public ResourceRequest Add(ResourceRequest other) =>
        new(MemoryBytes + other.MemoryBytes, CpuMillis + other.CpuMillis);

    public ResourceRequest Subtract(ResourceRequest other) =>
        new(MemoryBytes - other.MemoryBytes, CpuMillis - other.CpuMillis);

    /// <summary>True when <paramref name="other"/> fits inside this amount.</summary>
    public bool Covers(ResourceRequest other) =>
        MemoryBytes >= other.MemoryBytes && CpuMillis >= other.CpuMillis;
}
