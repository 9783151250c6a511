namespace Fleet.Jail.Security;

/// <summary>Docker's default masked and read-only paths: the parts of /proc and /sys that show or change the host.</summary>
internal static class JailPaths
{
    /// <summary>
    /// Hidden: /proc/kcore (the host's memory), keys (the host's keyring), timer_list, sched_debug,
    /// interrupts and latency_stats (other tasks' timing, a side channel), acpi, asound, scsi
    /// (host hardware, some of it writable), /sys/firmware (firmware tables) and powercap (energy
    /// counters, a side channel). Paths this kernel does not have are skipped.
    /// </summary>
    public static readonly IReadOnlyList<string> Masked =
    [
        "/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats", "/sys/firmware",
        "/sys/devices/virtual/powercap",
    ];

    /// <summary>
    /// Readable but never writable: /proc/sys (global kernel settings; the jail's namespaced
    /// sysctls are written before this), sysrq-trigger (crash or reboot the host), bus, fs and irq
    /// (device and interrupt settings).
    /// </summary>
    public static readonly IReadOnlyList<string> Readonly =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];
}
