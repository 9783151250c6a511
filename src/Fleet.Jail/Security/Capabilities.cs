namespace Fleet.Jail.Security;

/// <summary>Linux capability names and numbers, and the set a <see cref="JailSecurity"/> asks for.</summary>
internal static class Capabilities
{
    /// <summary>Index = capability number (linux/capability.h), up to CAP_CHECKPOINT_RESTORE (40).</summary>
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>
    /// Docker's default set without CAP_NET_RAW: enough for root to own files, switch users, bind
    /// low ports and chroot, nothing that reaches the kernel or the host (no SYS_ADMIN, SYS_MODULE,
    /// SYS_TIME, SYS_BOOT, SYS_PTRACE, NET_ADMIN). NET_RAW is left out because raw and packet
    /// sockets let a jail forge and sniff traffic on its interface; ping works without it through
    /// ICMP datagram sockets (net.ipv4.ping_group_range).
    /// </summary>
    public static readonly IReadOnlyList<string> Default =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_MKNOD", "CAP_AUDIT_WRITE", "CAP_SETFCAP",
    ];

    /// <summary>The highest capability number this table knows.</summary>
    public static int Last => Names.Length - 1;

    /// <summary>"NET_RAW", "cap_net_raw" and "CAP_NET_RAW" all give 13; null for an unknown name.</summary>
    public static int? Number(string name)
    {
        var canonical = Canonical(name);
        var index = Array.IndexOf(Names, canonical);
        return index < 0 ? null : index;
    }

    /// <summary>The OCI name of capability <paramref name="number"/>.</summary>
    public static string Name(int number) => Names[number];

    /// <summary>The capabilities <paramref name="security"/> asks for, in number order, as OCI names.</summary>
    /// <exception cref="ArgumentException">An unknown capability name.</exception>
    public static IReadOnlyList<string> Resolve(JailSecurity security)
    {
        var set = new SortedSet<int>(security.Profile == JailSecurityProfile.Restricted ? [] : Default.Select(name => Number(name)!.Value));
        foreach (var name in security.AddCapabilities)
        {
            if (IsAll(name))
            {
                set.UnionWith(Enumerable.Range(0, Names.Length));
            }
            else
            {
                set.Add(Require(name, "AddCapabilities"));
            }
        }

        foreach (var name in security.DropCapabilities)
        {
            if (IsAll(name))
            {
                set.Clear();
            }
            else
            {
                set.Remove(Require(name, "DropCapabilities"));
            }
        }

        return [.. set.Select(Name)];
    }

    /// <summary>The kernel's bit mask of <paramref name="names"/>, as /proc/PID/status shows it (CapEff: …).</summary>
    public static ulong Mask(IEnumerable<string> names) =>
        names.Aggregate(0UL, (mask, name) => mask | (1UL << (Number(name) ?? throw new JailException($"capability {name}: unknown"))));

    private static bool IsAll(string name) => string.Equals(name, "ALL", StringComparison.OrdinalIgnoreCase);

    private static int Require(string name, string field) =>
        Number(name) ?? throw new ArgumentException($"jail security {field}: unknown capability \"{name}\" (expected a name such as NET_ADMIN or CAP_NET_ADMIN, or ALL)");

    private static string Canonical(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
    }
}
