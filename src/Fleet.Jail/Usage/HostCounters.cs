namespace Fleet.Jail.Usage;

/// <summary>The whole host's CPU time and memory, from <c>/proc/stat</c> and <c>/proc/meminfo</c>.</summary>
/// <param name="CpuBusyNanos">Time all CPUs spent on anything but idle and I/O wait since boot.</param>
/// <param name="MemoryTotalBytes">MemTotal.</param>
/// <param name="MemoryAvailableBytes">MemAvailable: what can be given to new work without swapping.</param>
public readonly record struct HostCounters(long CpuBusyNanos, long MemoryTotalBytes, long MemoryAvailableBytes);
