namespace Fleet.Jail.Security;

/// <summary>
/// How much of root a jail's workload keeps. Every default is the secure choice: Docker's default
/// capabilities without NET_RAW, no_new_privs, Fleet's default seccomp filter, root (0:0) with no
/// supplementary groups, 1024 open files, oom_score_adj 0. See README.md for the reasons.
/// </summary>
public sealed record JailSecurity
{
    /// <summary>The secure default profile.</summary>
    public static JailSecurity Default { get; } = new();

    /// <summary>The capability set to start from. Defaults to <see cref="JailSecurityProfile.Default"/>.</summary>
    public JailSecurityProfile Profile { get; init; } = JailSecurityProfile.Default;

    /// <summary>Capabilities added to the profile's ("NET_RAW" or "CAP_NET_RAW"; "ALL" for every one). None by default.</summary>
    public IReadOnlyList<string> AddCapabilities { get; init; } = [];

    /// <summary>Capabilities removed from the profile's, after the additions ("ALL" for every one). None by default.</summary>
    public IReadOnlyList<string> DropCapabilities { get; init; } = [];

    /// <summary>The seccomp filter. Defaults to <see cref="JailSeccomp.Default"/>.</summary>
    public JailSeccomp Seccomp { get; init; } = JailSeccomp.Default;

    /// <summary>no_new_privs: execve never grants privileges (setuid bits and file capabilities are ignored). True by default.</summary>
    public bool NoNewPrivileges { get; init; } = true;

    /// <summary>Mounts the root file system read-only (/dev, /dev/shm and /proc keep their own mounts). False by default.</summary>
    public bool ReadOnlyRootfs { get; init; }

    /// <summary>The user and groups the workload runs as. Defaults to <see cref="JailUser.Root"/>.</summary>
    public JailUser User { get; init; } = JailUser.Root;

    /// <summary>
    /// Resource limits. RLIMIT_NOFILE defaults to 1024 soft (select() and old programs break above
    /// that) and 524288 hard, or the agent's own hard limit when lower; a limit listed here replaces
    /// the default of its type. Others are inherited from the agent.
    /// </summary>
    public IReadOnlyList<JailRlimit> Rlimits { get; init; } = [];

    /// <summary>The workload's /proc/self/oom_score_adj, -1000 to 1000. Defaults to 0, so a jail never inherits an agent's protection from the OOM killer.</summary>
    public int OomScoreAdj { get; init; }
}
