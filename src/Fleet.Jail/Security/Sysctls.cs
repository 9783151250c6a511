namespace Fleet.Jail.Security;

/// <summary>
/// The sysctls a jail may set: only those the kernel keeps per namespace, so a jail's value never
/// changes the host's. net.* belongs to the jail's own network namespace; the System V IPC limits
/// and fs.mqueue.* to its IPC namespace. Everything else (kernel.panic, vm.*, fs.file-max, …) is
/// global and refused.
/// </summary>
internal static class Sysctls
{
    private static readonly string[] Prefixes = ["net.", "fs.mqueue."];

    private static readonly string[] Names =
        ["kernel.shmmax", "kernel.shmall", "kernel.shmmni", "kernel.shm_rmid_forced", "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem"];

    /// <summary>
    /// Lets ping work without CAP_NET_RAW (ICMP datagram sockets for every group), as Docker does;
    /// it is a net.* sysctl, so only the jail's namespace changes.
    /// </summary>
    public static readonly KeyValuePair<string, string> PingGroupRange = new("net.ipv4.ping_group_range", "0 2147483647");

    /// <summary>Null when <paramref name="key"/> may be set; otherwise why not.</summary>
    public static string? Refusal(string key)
    {
        var parts = key.Split('.');
        if (key.Length == 0 || parts.Any(part => part.Length == 0) || key.Contains('/', StringComparison.Ordinal))
        {
            return $"sysctl \"{key}\" is not a dotted sysctl name";
        }

        if (Names.Contains(key, StringComparer.Ordinal) || Prefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return null;
        }

        return $"sysctl \"{key}\" is not allowed: a jail may set only namespaced sysctls (net.*, fs.mqueue.*, {string.Join(", ", Names)})";
    }

    /// <summary>"net.ipv4.ip_forward" → "/proc/sys/net/ipv4/ip_forward".</summary>
    public static string ProcPath(string key) => "/proc/sys/" + key.Replace('.', '/');
}
