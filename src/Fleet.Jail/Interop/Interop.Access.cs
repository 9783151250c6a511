using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int X_OK = 1;

        [LibraryImport(Libraries.Libc, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Access(string path, int mode);
    }
}
