namespace Fleet.Jail.Security;

/// <summary>Which seccomp filter the workload runs under.</summary>
public enum JailSeccomp
{
    /// <summary>Fleet's default deny-list (see README.md): keyring, bpf, perf, io_uring, modules, mounts, new namespaces, clock, reboot, … fail with EPERM.</summary>
    Default,

    /// <summary>No filter. Capabilities still apply, but a jail can then make new user namespaces, use the kernel keyring, io_uring and bpf's unprivileged parts.</summary>
    Unconfined,
}
