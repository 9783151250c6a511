using Fleet.Jail.Security;
using Fleet.Jail.Seccomp;

namespace Fleet.Jail.Bundles;

/// <summary>Turns a <see cref="JailSpec"/> into the bundle's config.json, security settings included, so the bundle means the same to runc.</summary>
internal static class BundleConfig
{
    /// <summary>The CFS period: 100 ms, the kernel's default, so a quota reads as "ms per 100 ms".</summary>
    public const ulong CpuPeriodMicroseconds = 100_000;

    /// <summary>The kernel refuses a CFS quota below 1 ms.</summary>
    public const long MinimumCpuQuotaMicroseconds = 1_000;

    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The namespaces every jail gets; the PID namespace is made by the spawner, the rest by the init.</summary>
    public static readonly IReadOnlyList<string> Namespaces = ["pid", "mount", "uts", "ipc", "network", "cgroup"];

    /// <summary>Read once: the agent's own hard open-file limit bounds the default one.</summary>
    private static readonly Lazy<JailRlimit> DefaultNofile = new(Rlimits.DefaultNofile);

    public static OciSpec From(JailSpec spec, string cgroupsPath, bool traceInit = false)
    {
        var environment = spec.Environment.Select(pair => $"{pair.Key}={pair.Value}").ToList();
        if (!spec.Environment.ContainsKey("PATH"))
        {
            environment.Insert(0, $"PATH={DefaultPath}");
        }

        var security = spec.Security;
        var capabilities = Capabilities.Resolve(security);
        var annotations = new Dictionary<string, string>
        {
            [FleetAnnotations.RootfsLower] = Path.GetFullPath(spec.RootfsPath),
            [FleetAnnotations.StdoutPath] = Path.GetFullPath(spec.StdoutPath),
            [FleetAnnotations.StderrPath] = Path.GetFullPath(spec.StderrPath),
        };
        if (traceInit)
        {
            annotations[FleetAnnotations.InitTrace] = "true";
        }

        if (security.Seccomp == JailSeccomp.Default)
        {
            annotations[FleetAnnotations.SeccompProgram] = JailBundle.SeccompProgramFileName;
        }

        return new OciSpec
        {
            Process = new OciProcess
            {
                Args = [.. spec.Command],
                Env = environment,
                Cwd = spec.WorkingDirectory,
                User = new OciUser { Uid = security.User.Uid, Gid = security.User.Gid, AdditionalGids = [.. security.User.AdditionalGids] },
                // Inheritable stays empty (as in Docker since 23.0): with it, a program with file
                // capabilities could gain them even as a non-root user.
                Capabilities = new OciCapabilities { Bounding = capabilities, Effective = capabilities, Permitted = capabilities },
                NoNewPrivileges = security.NoNewPrivileges,
                Rlimits = RlimitsOf(security),
                OomScoreAdj = security.OomScoreAdj,
            },
            Root = new OciRoot { Path = "rootfs", Readonly = security.ReadOnlyRootfs },
            Hostname = spec.Hostname,
            Annotations = annotations,
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
                    Pids = new OciPids(spec.PidsLimit > 0 ? spec.PidsLimit : JailSpec.DefaultPidsLimit),
                },
                MaskedPaths = JailPaths.Masked,
                ReadonlyPaths = JailPaths.Readonly,
                Sysctl = SysctlsOf(spec),
                Seccomp = security.Seccomp == JailSeccomp.Default ? DefaultSeccompProfile.Profile : null,
            },
        };
    }

    private static List<OciRlimit> RlimitsOf(JailSecurity security)
    {
        var rlimits = security.Rlimits.Select(limit => new OciRlimit(limit.Type, limit.Hard, limit.Soft)).ToList();
        if (!rlimits.Any(limit => limit.Type == Rlimits.Nofile))
        {
            var nofile = DefaultNofile.Value;
            rlimits.Add(new OciRlimit(nofile.Type, nofile.Hard, nofile.Soft));
        }

        return rlimits;
    }

    private static Dictionary<string, string> SysctlsOf(JailSpec spec)
    {
        var sysctls = new Dictionary<string, string>(StringComparer.Ordinal) { [Sysctls.PingGroupRange.Key] = Sysctls.PingGroupRange.Value };
        foreach (var (key, value) in spec.Sysctls)
        {
            sysctls[key] = value;
        }

        return sysctls;
    }
}
