namespace Fleet.Jail.Security;

/// <summary>Resource limit names (OCI's, from sys/resource.h) and Fleet's default open-file limit.</summary>
internal static class Rlimits
{
    public const string Nofile = "RLIMIT_NOFILE";

    /// <summary>select() cannot watch fds above 1023; programs that need more raise their soft limit up to the hard one.</summary>
    public const ulong DefaultNofileSoft = 1024;

    /// <summary>systemd's and Docker's default hard limit.</summary>
    public const ulong DefaultNofileHard = 524288;

    /// <summary>Index = the resource number of setrlimit(2).</summary>
    private static readonly string[] Names =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    /// <summary>The resource number of <paramref name="type"/>, or null when unknown.</summary>
    public static int? Resource(string type)
    {
        var index = Array.IndexOf(Names, type);
        return index < 0 ? null : index;
    }

    /// <summary>
    /// The default RLIMIT_NOFILE: <see cref="DefaultNofileSoft"/> soft, <see cref="DefaultNofileHard"/>
    /// hard unless this process's own hard limit is lower (raising it would need CAP_SYS_RESOURCE).
    /// </summary>
    public static JailRlimit DefaultNofile()
    {
        var hard = DefaultNofileHard;
        if (Interop.Libc.Getrlimit(Resource(Nofile)!.Value, out var own) == 0)
        {
            hard = Math.Min(hard, own.Maximum);
        }

        return new JailRlimit(Nofile, Math.Min(DefaultNofileSoft, hard), hard);
    }
}
