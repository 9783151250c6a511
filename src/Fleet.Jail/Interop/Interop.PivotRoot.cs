using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        private const long SYS_pivot_root = 155; // x86-64

        /// <summary>pivot_root(2); glibc has no wrapper, so it goes through syscall(2).</summary>
        internal static int PivotRoot(string newRoot, string putOld) => Syscall(SYS_pivot_root, newRoot, putOld);

        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int Syscall(long number, string arg1, string arg2);
    }
}
