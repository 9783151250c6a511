namespace Fleet.Jail.Usage;

/// <summary>
/// The cgroup2 pressure files (cpu.pressure, memory.pressure, io.pressure) of the current
/// directory: in the cgroup itself on v2, in its twin under the cgroup2 mount of a hybrid v1 host.
/// </summary>
internal static class CgroupPressure
{
    public static void Read(CounterFiles files, CgroupUsage usage, CounterHandles? handles)
    {
        if (files.TryRead("cpu.pressure"u8, handles, 13, out var cpu) && CounterText.TryParsePressure(cpu, out var cpuPressure))
        {
            usage.CpuPressure = cpuPressure;
            usage.Fields |= CgroupUsageFields.CpuPressure;
        }

        if (files.TryRead("memory.pressure"u8, handles, 14, out var memory) && CounterText.TryParsePressure(memory, out var memoryPressure))
        {
            usage.MemoryPressure = memoryPressure;
            usage.Fields |= CgroupUsageFields.MemoryPressure;
        }

        if (files.TryRead("io.pressure"u8, handles, 15, out var io) && CounterText.TryParsePressure(io, out var ioPressure))
        {
            usage.IoPressure = ioPressure;
            usage.Fields |= CgroupUsageFields.IoPressure;
        }
    }
}
