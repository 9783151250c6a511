using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        private const long SYS_pidfd_send_signal = 424; // x86-64
        private const long SYS_pidfd_open = 434;

        internal const int SIGKILL = 9;
        internal const int SIGTERM = 15;

        /// <summary>
        /// A pidfd pins one process: unlike a bare pid it can never be reused for another process,
        /// so a signal sent through it reaches the jail or nobody.
        /// </summary>
        internal static SafeFileHandle PidfdOpen(int pid)
        {
            var fd = (int)SyscallPid(SYS_pidfd_open, pid, 0);
            return new SafeFileHandle(fd, ownsHandle: fd >= 0);
        }

        internal static int PidfdSendSignal(SafeFileHandle pidfd, int signal) =>
            (int)SyscallSignal(SYS_pidfd_send_signal, pidfd, signal, 0, 0);

        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        private static partial long SyscallPid(long number, int pid, uint flags);

        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true)]
        private static partial long SyscallSignal(long number, SafeFileHandle pidfd, int signal, nint info, uint flags);
    }
}
