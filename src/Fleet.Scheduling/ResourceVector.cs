using Fleet.Domain;
using Fleet.Scheduling.Placement;

namespace Fleet.Scheduling;

/// <summary>An amount of every resource placement accounts for: CPU, memory and process ids.</summary>
/// <param name="CpuMillis">CPU in thousandths of a core: 500 is half a core.</param>
/// <param name="MemoryBytes">Memory in bytes.</param>
/// <param name="Pids">
/// Process ids (the cgroup pids limit). In a node's capacity, 0 means the node does not account for
/// them, so pids never make a workload infeasible there.
/// </param>
public readonly record struct ResourceVector(long CpuMillis, long MemoryBytes, long Pids = 0)
{
    public static ResourceVector Zero => default;

    public static ResourceVector From(ResourceRequest request, long pids = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.CpuMillis, request.MemoryBytes, pids);
    }

    public ResourceVector Add(ResourceVector other) =>
        new(CpuMillis + other.CpuMillis, MemoryBytes + other.MemoryBytes, Pids + other.Pids);

    public ResourceVector Subtract(ResourceVector other) =>
        new(CpuMillis - other.CpuMillis, MemoryBytes - other.MemoryBytes, Pids - other.Pids);

    public static ResourceVector operator +(ResourceVector left, ResourceVector right) => left.Add(right);

    public static ResourceVector operator -(ResourceVector left, ResourceVector right) => left.Subtract(right);

    public override string ToString() => ResourceText.Describe(this);
}
