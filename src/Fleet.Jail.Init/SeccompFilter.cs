using static Fleet.Jail.Interop.Libc;

namespace Fleet.Jail.Init;

/// <summary>no_new_privs and the seccomp filter, both per thread and kept across execve.</summary>
internal static class SeccompFilter
{
    /// <summary>No execve after this can grant privileges: setuid bits and file capabilities are ignored.</summary>
    public static void SetNoNewPrivileges() =>
        Interop.CheckIo(Prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl", "PR_SET_NO_NEW_PRIVS");

    /// <summary>
    /// Loads <paramref name="program"/> (struct sock_filter values). Needs no_new_privs or
    /// CAP_SYS_ADMIN; the filter then applies to this thread, every later call of the init, and the workload.
    /// </summary>
    public static unsafe void Load(ulong[] program)
    {
        fixed (ulong* filter = program)
        {
            var fprog = new SockFprog { Length = (ushort)program.Length, Filter = filter };
            Interop.CheckIo(PrctlSeccomp(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0), "prctl", "PR_SET_SECCOMP");
        }
    }
}
