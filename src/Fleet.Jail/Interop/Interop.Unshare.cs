using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int CLONE_NEWNS = 0x00020000;
        internal const int CLONE_NEWCGROUP = 0x02000000;
        internal const int CLONE_NEWUTS = 0x04000000;
        internal const int CLONE_NEWIPC = 0x08000000;
        internal const int CLONE_NEWUSER = 0x10000000;
        internal const int CLONE_NEWPID = 0x20000000;
        internal const int CLONE_NEWNET = 0x40000000;

        /// <summary>Moves the calling thread into new namespaces (for CLONE_NEWPID: only its future children).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "unshare", SetLastError = true)]
        internal static partial int Unshare(int flags);
    }
}
