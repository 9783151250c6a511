using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>chmod(2): sets the mode exactly, where mkdir and mknod have it cut by the umask.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Chmod(string path, uint mode);
    }
}
