namespace Fleet.Jail.Bundles;

/// <summary>The spec's <c>linux</c> section.</summary>
internal sealed record OciLinux
{
    public IReadOnlyList<OciNamespace> Namespaces { get; init; } = [];

    public OciResources? Resources { get; init; }

    /// <summary>The jail's cgroup relative to each hierarchy's root, e.g. "/fleet/w-1".</summary>
    public string? CgroupsPath { get; init; }

    /// <summary>Paths inside the jail hidden from it: /dev/null bound over files, an empty read-only tmpfs over directories.</summary>
    public IReadOnlyList<string> MaskedPaths { get; init; } = [];

    /// <summary>Paths inside the jail bound read-only onto themselves.</summary>
    public IReadOnlyList<string> ReadonlyPaths { get; init; } = [];

    /// <summary>Namespaced sysctls to set, "net.ipv4.ip_forward" → "1".</summary>
    public Dictionary<string, string> Sysctl { get; init; } = [];

    /// <summary>The seccomp filter; null for none.</summary>
    public OciSeccomp? Seccomp { get; init; }
}

/// <summary>A namespace to create; <see cref="Type"/> is one of pid, mount, uts, ipc, network, cgroup, user.</summary>
internal sealed record OciNamespace(string Type);

/// <summary>Resource limits of the jail's cgroup.</summary>
internal sealed record OciResources
{
    public OciMemory? Memory { get; init; }

    public OciCpu? Cpu { get; init; }

    public OciPids? Pids { get; init; }
}

/// <summary>Memory limit in bytes; null for none. <see cref="Swap"/> is the limit of memory plus swap, as in the spec.</summary>
internal sealed record OciMemory(long? Limit, long? Swap = null);

/// <summary>CFS bandwidth: <see cref="Quota"/> microseconds of CPU time per <see cref="Period"/> microseconds.</summary>
internal sealed record OciCpu(long? Quota, ulong? Period);

/// <summary>The most tasks (processes and threads) the jail's cgroup may hold; 0 or less for no limit.</summary>
internal sealed record OciPids(long Limit);
