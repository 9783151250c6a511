namespace Fleet.Jail.Bundles;

/// <summary>The spec's <c>linux</c> section.</summary>
internal sealed record OciLinux
{
    public IReadOnlyList<OciNamespace> Namespaces { get; init; } = [];

    public OciResources? Resources { get; init; }

    /// <summary>The jail's cgroup relative to each hierarchy's root, e.g. "/fleet/w-1".</summary>
    public string? CgroupsPath { get; init; }
}

/// <summary>A namespace to create; <see cref="Type"/> is one of pid, mount, uts, ipc, network, cgroup, user.</summary>
internal sealed record OciNamespace(string Type);

/// <summary>Resource limits of the jail's cgroup.</summary>
internal sealed record OciResources
{
    public OciMemory? Memory { get; init; }

    public OciCpu? Cpu { get; init; }
}

/// <summary>Memory limit in bytes; null for none. <see cref="Swap"/> is the limit of memory plus swap, as in the spec.</summary>
internal sealed record OciMemory(long? Limit, long? Swap = null);

/// <summary>CFS bandwidth: <see cref="Quota"/> microseconds of CPU time per <see cref="Period"/> microseconds.</summary>
internal sealed record OciCpu(long? Quota, ulong? Period);
