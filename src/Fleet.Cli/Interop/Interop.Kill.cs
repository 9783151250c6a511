using System.Runtime.InteropServices;

namespace Fleet.Cli;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SIGKILL = 9;
        internal const int SIGTERM = 15;

        /// <summary>No such process: it has already gone.</summary>
        internal const int ESRCH = 3;

        /// <summary>kill(2): sends <paramref name="signal"/> to <paramref name="pid"/>; 0 on success, -1 with errno set.</summary>
        [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
        internal static partial int Kill(int pid, int signal);
    }
}
