using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int MNT_DETACH = 0x2;

        [LibraryImport(Libraries.Libc, EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Umount2(string target, int flags);
    }
}
