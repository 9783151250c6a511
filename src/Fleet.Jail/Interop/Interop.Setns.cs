using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Moves the calling thread into the namespace <paramref name="fd"/> refers to.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "setns", SetLastError = true)]
        internal static partial int Setns(SafeFileHandle fd, int nstype);
    }
}
