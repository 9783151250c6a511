using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>dup2(2): the copy has no O_CLOEXEC, so it survives execve.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "dup2", SetLastError = true)]
        internal static partial int Dup2(int oldFd, int newFd);
    }
}
