using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The per-mount flags in statfs.f_flags that have the same bits as mount(2)'s MS_NOSUID, MS_NODEV and MS_NOEXEC.</summary>
        internal const ulong ST_NOSUID_NODEV_NOEXEC = 0x2 | 0x4 | 0x8;

        /// <summary>struct statfs on x86-64; only f_flags (the mount's flags) is used.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct Statfs
        {
            internal fixed long Fields[10];
            internal ulong Flags;
            internal fixed long Spare[4];
        }

        /// <summary>fstatfs(2); works on O_PATH descriptors.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fstatfs", SetLastError = true)]
        internal static partial int Fstatfs(int fd, out Statfs buffer);
    }
}
