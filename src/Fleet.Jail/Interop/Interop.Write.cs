using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "write", SetLastError = true)]
        internal static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nuint count);
    }
}
