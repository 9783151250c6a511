using Fleet.Jail.Security;

namespace Fleet.Jail;

/// <summary>Everything the runtime needs to start one jail. Every optional setting defaults to the secure choice.</summary>
public sealed record JailSpec
{
    /// <summary>The pids limit when <see cref="PidsLimit"/> is 0: enough for thread-heavy programs, far below a host's pid_max (32768 on many).</summary>
    public const long DefaultPidsLimit = 1024;

    /// <summary>Unique on the node; names the jail's cgroup and state directory. [a-z0-9-] only.</summary>
    public required string Id { get; init; }

    /// <summary>The jail's host name (its own UTS namespace).</summary>
    public required string Hostname { get; init; }

    /// <summary>The program and its arguments; a bare name is looked up on the jail's PATH.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Environment of the program. PATH defaults to the usual system directories.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The program's working directory inside the jail; absolute, and it must exist. Defaults to "/".</summary>
    public string WorkingDirectory { get; init; } = "/";

    /// <summary>Host directory holding the root file system. It is never written: the jail writes to an overlay above it.</summary>
    public required string RootfsPath { get; init; }

    /// <summary>Memory limit in bytes; 0 for none.</summary>
    public long MemoryLimitBytes { get; init; }

    /// <summary>CPU limit in thousandths of a core (CFS quota over a 100 ms period); 0 for none.</summary>
    public long CpuMillis { get; init; }

    /// <summary>
    /// The most processes and threads the jail may hold at once (its cgroup's pids.max), so a fork
    /// bomb stops there. 0 means <see cref="DefaultPidsLimit"/>; there is no "unlimited".
    /// </summary>
    public long PidsLimit { get; init; }

    /// <summary>Namespaced sysctls ("net.ipv4.ip_forward" → "1"): net.*, fs.mqueue.* and the System V IPC limits only. None by default.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    /// <summary>Capabilities, seccomp, user, rlimits and the rest of the workload's privileges. Defaults to <see cref="JailSecurity.Default"/>.</summary>
    public JailSecurity Security { get; init; } = JailSecurity.Default;

    /// <summary>Host file the program's stdout is appended to.</summary>
    public required string StdoutPath { get; init; }

    /// <summary>Host file the program's stderr is appended to.</summary>
    public required string StderrPath { get; init; }
}
