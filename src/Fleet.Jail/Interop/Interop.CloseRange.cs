using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint CLOSE_RANGE_CLOEXEC = 0x4;

        /// <summary>close_range(2); with CLOSE_RANGE_CLOEXEC it only marks the fds to close at execve.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "close_range", SetLastError = true)]
        internal static partial int CloseRange(uint first, uint last, uint flags);
    }
}
