namespace Fleet.Jail.Bundles;

/// <summary>Turns a <see cref="JailSpec"/> into the bundle's config.json.</summary>
internal static class BundleConfig
{
    /// <summary>The CFS period: 100 ms, the kernel's default, so a quota reads as "ms per 100 ms".</summary>
    public const ulong CpuPeriodMicroseconds = 100_000;

    /// <summary>The kernel refuses a CFS quota below 1 ms.</summary>
    public const long MinimumCpuQuotaMicroseconds = 1_000;

    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The namespaces every jail gets; the PID namespace is made by the spawner, the rest by the init.</summary>
    public static readonly IReadOnlyList<string> Namespaces = ["pid", "mount", "uts", "ipc", "network", "cgroup"];

    public static OciSpec From(JailSpec spec, string cgroupsPath)
    {
        var environment = spec.Environment.Select(pair => $"{pair.Key}={pair.Value}").ToList();
        if (!spec.Environment.ContainsKey("PATH"))
        {
            environment.Insert(0, $"PATH={DefaultPath}");
        }

        return new OciSpec
        {
            Process = new OciProcess { Args = [.. spec.Command], Env = environment, Cwd = "/" },
            Root = new OciRoot { Path = "rootfs" },
            Hostname = spec.Hostname,
            Annotations = new Dictionary<string, string>
            {
                [FleetAnnotations.RootfsLower] = Path.GetFullPath(spec.RootfsPath),
                [FleetAnnotations.StdoutPath] = Path.GetFullPath(spec.StdoutPath),
                [FleetAnnotations.StderrPath] = Path.GetFullPath(spec.StderrPath),
            },
            Linux = new OciLinux
            {
                Namespaces = [.. Namespaces.Select(type => new OciNamespace(type))],
                CgroupsPath = cgroupsPath,
                Resources = new OciResources
                {
                    // Memory plus swap equal to memory: the limit is not stretched by swapping.
                    Memory = spec.MemoryLimitBytes > 0 ? new OciMemory(spec.MemoryLimitBytes, Swap: spec.MemoryLimitBytes) : null,
                    Cpu = spec.CpuMillis > 0
                        ? new OciCpu(Math.Max(MinimumCpuQuotaMicroseconds, spec.CpuMillis * (long)CpuPeriodMicroseconds / 1000), CpuPeriodMicroseconds)
                        : null,
                },
            },
        };
    }
}
