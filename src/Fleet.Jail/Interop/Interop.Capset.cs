using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>_LINUX_CAPABILITY_VERSION_3: 64-bit sets, passed as two 32-bit halves.</summary>
        internal const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;

        [StructLayout(LayoutKind.Sequential)]
        internal struct CapHeader
        {
            internal uint Version;
            internal int Pid;
        }

        /// <summary>One 32-bit half of the effective, permitted and inheritable sets.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct CapData
        {
            internal uint Effective;
            internal uint Permitted;
            internal uint Inheritable;
        }

        /// <summary>capset(2) on the calling thread (header pid 0); <paramref name="data"/> is two <see cref="CapData"/>, low bits first.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "capset", SetLastError = true)]
        internal static unsafe partial int Capset(CapHeader* header, CapData* data);
    }
}
