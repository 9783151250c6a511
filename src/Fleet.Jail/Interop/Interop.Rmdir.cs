using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>rmdir(2): the only way to remove a cgroup, and its EBUSY tells that tasks are still draining.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Rmdir(string path);
    }
}
