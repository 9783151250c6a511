using System.Runtime.InteropServices;

namespace Fleet.Jail;

// The usage readers' own calls: open(2) on a path they compose in a stack buffer (no string per
// file) and pread(2) into a reused buffer, so a sample allocates nothing. Beside the readers
// because Interop/ is another change's; move it there with the rest when that settles.
internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>open(2) with a NUL-terminated UTF-8 path.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true)]
        internal static unsafe partial int OpenPath(byte* path, int flags, uint mode);

        [LibraryImport(Libraries.Libc, EntryPoint = "pread", SetLastError = true)]
        internal static unsafe partial nint Pread(int fd, byte* buffer, nuint count, long offset);
    }
}
