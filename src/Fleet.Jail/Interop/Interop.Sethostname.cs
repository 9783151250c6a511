using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "sethostname", SetLastError = true)]
        internal static partial int Sethostname(ReadOnlySpan<byte> name, nuint length);
    }
}
