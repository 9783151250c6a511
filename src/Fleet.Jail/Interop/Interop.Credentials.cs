using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        private const long SYS_setresuid = 117; // x86-64
        private const long SYS_setresgid = 119;
        private const long SYS_setgroups = 116;

        /// <summary>
        /// The raw system calls, which change only the calling thread. glibc's wrappers apply the
        /// change to every thread of the process by signalling each one and waiting (over 1 ms in
        /// the NativeAOT init); the init's other threads die at its execve anyway.
        /// </summary>
        internal static unsafe int SetgroupsThisThread(ReadOnlySpan<uint> groups)
        {
            fixed (uint* list = groups)
            {
                return (int)SyscallGroups(SYS_setgroups, (nuint)groups.Length, list);
            }
        }

        internal static int SetresgidThisThread(uint gid) => (int)SyscallIds(SYS_setresgid, gid, gid, gid);

        internal static int SetresuidThisThread(uint uid) => (int)SyscallIds(SYS_setresuid, uid, uid, uid);

        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        private static unsafe partial long SyscallGroups(long number, nuint size, uint* list);

        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        private static partial long SyscallIds(long number, uint real, uint effective, uint saved);
    }
}
