using Fleet.Jail.Bundles;

namespace Fleet.Jail.Seccomp;

/// <summary>
/// Fleet's default filter, written into every bundle as OCI seccomp JSON: allow by default and
/// refuse, with EPERM, what Docker's default profile refuses. README.md gives the reason for each.
/// A deny-list and not Docker's allow-list: it is short enough to read and to keep exact, and a
/// syscall newer than the profile is still subject to the capability checks.
/// </summary>
internal static class DefaultSeccompProfile
{
    private const uint Eperm = 1;
    private const uint Enosys = 38;

    /// <summary>Refused whatever their arguments.</summary>
    public static readonly IReadOnlyList<string> Denied =
    [
        // The kernel keyring is not namespaced: keys would be shared with the host and other jails.
        "add_key", "keyctl", "request_key",
        // Large kernel attack surfaces, and perf reads other processes' and the kernel's data.
        "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
        // Kernel modules and replacing the kernel.
        "init_module", "finit_module", "delete_module", "create_module", "get_kernel_syms", "query_module",
        "kexec_load", "kexec_file_load", "reboot",
        // The clocks are the host's (no time namespace for CLOCK_REALTIME).
        "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "stime",
        // Raw I/O ports.
        "iopl", "ioperm",
        // Mounting, in every API: the jail's file system is fixed before its workload starts.
        "mount", "umount", "umount2", "pivot_root", "move_mount", "open_tree", "open_tree_attr", "fsopen", "fsmount",
        "fsconfig", "fspick", "mount_setattr",
        // New namespaces (a user namespace brings back every capability inside it) and joining others.
        "unshare", "setns",
        // Host-wide state: swap, process accounting, quotas, the kernel log, the terminal.
        "swapon", "swapoff", "acct", "quotactl", "quotactl_fd", "syslog", "vhangup",
        // Opening files by handle walks around the jail's root ("shocker").
        "open_by_handle_at", "name_to_handle_at",
        // Obsolete or debugging calls nobody in a jail needs.
        "lookup_dcookie", "nfsservctl", "uselib", "ustat", "sysfs", "_sysctl", "vm86", "vm86old", "kcmp",
        "fanotify_init",
        // NUMA placement changes that affect the host's memory layout.
        "mbind", "set_mempolicy", "set_mempolicy_home_node", "move_pages", "migrate_pages",
    ];

    /// <summary>clone(2) flags that make a new namespace (CLONE_NEWTIME is not one: in clone it is part of the exit signal byte).</summary>
    public static readonly IReadOnlyList<ulong> NamespaceFlags =
    [
        0x00020000, // CLONE_NEWNS
        0x02000000, // CLONE_NEWCGROUP
        0x04000000, // CLONE_NEWUTS
        0x08000000, // CLONE_NEWIPC
        0x10000000, // CLONE_NEWUSER
        0x20000000, // CLONE_NEWPID
        0x40000000, // CLONE_NEWNET
    ];

    /// <summary>personality(2) flags that weaken memory protections: ADDR_NO_RANDOMIZE, MMAP_PAGE_ZERO, READ_IMPLIES_EXEC.</summary>
    public static readonly IReadOnlyList<ulong> PersonalityFlags = [0x0040000, 0x0100000, 0x0400000];

    public static OciSeccomp Profile { get; } = Build();

    private static OciSeccomp Build()
    {
        var syscalls = new List<OciSyscall>
        {
            new() { Names = Denied, Action = "SCMP_ACT_ERRNO", ErrnoRet = Eperm },
            // clone3 passes its flags in memory, which a filter cannot read: "not implemented" makes
            // glibc fall back to clone, whose flags it can.
            new() { Names = ["clone3"], Action = "SCMP_ACT_ERRNO", ErrnoRet = Enosys },
        };

        // One rule per flag: rules are alternatives, and any one namespace flag is refused.
        syscalls.AddRange(NamespaceFlags.Select(flag => Masked("clone", 0, flag)));
        syscalls.AddRange(PersonalityFlags.Select(flag => Masked("personality", 0, flag)));
        return new OciSeccomp
        {
            DefaultAction = "SCMP_ACT_ALLOW",
            Architectures = [SeccompProgram.NativeArchitecture],
            Syscalls = syscalls,
        };
    }

    /// <summary>EPERM when argument <paramref name="index"/> has every bit of <paramref name="flag"/> set.</summary>
    private static OciSyscall Masked(string name, uint index, ulong flag) => new()
    {
        Names = [name],
        Action = "SCMP_ACT_ERRNO",
        ErrnoRet = Eperm,
        Args = [new OciSeccompArg { Index = index, Value = flag, ValueTwo = flag, Op = "SCMP_CMP_MASKED_EQ" }],
    };
}
