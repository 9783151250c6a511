using Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Tests.Support;

/// <summary>Workload specs for tests: a small valid one, to be varied per test.</summary>
internal static class Specs
{
    public const long Mi = 1L << 20;

    public const long Gi = 1L << 30;

    public static WorkloadSpec Echo(string name = "", long cpuMillis = 250, long memoryBytes = 64 * Mi, string rootfs = "")
    {
        var spec = new WorkloadSpec
        {
            Name = name,
            Resources = new Resources { CpuMillis = cpuMillis, MemoryBytes = memoryBytes },
            Rootfs = rootfs,
        };
        spec.Command.AddRange(["/bin/echo", "hello"]);
        return spec;
    }

    public static SubmitWorkloadRequest Submit(WorkloadSpec spec) => new() { Spec = spec };
}
