using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int PR_SET_KEEPCAPS = 8;
        internal const int PR_SET_SECCOMP = 22;
        internal const int PR_CAPBSET_DROP = 24;
        internal const int PR_SET_NO_NEW_PRIVS = 38;
        internal const int PR_CAP_AMBIENT = 47;
        internal const ulong PR_CAP_AMBIENT_RAISE = 2;
        internal const ulong PR_CAP_AMBIENT_CLEAR_ALL = 4;
        internal const ulong SECCOMP_MODE_FILTER = 2;

        /// <summary>prctl(2). Every option used here acts on the calling thread only, which is the one that execs.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "prctl", SetLastError = true)]
        internal static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

        /// <summary>prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &amp;program).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "prctl", SetLastError = true)]
        internal static unsafe partial int PrctlSeccomp(int option, ulong mode, SockFprog* program, ulong arg4, ulong arg5);

        /// <summary>struct sock_fprog: the length in instructions, then a pointer to them.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct SockFprog
        {
            internal ushort Length;
            internal ulong* Filter;
        }
    }
}
