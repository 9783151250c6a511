using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const ulong MS_RDONLY = 0x1;
        internal const ulong MS_NOSUID = 0x2;
        internal const ulong MS_NODEV = 0x4;
        internal const ulong MS_NOEXEC = 0x8;
        internal const ulong MS_REMOUNT = 0x20;
        internal const ulong MS_BIND = 0x1000;
        internal const ulong MS_REC = 0x4000;
        internal const ulong MS_PRIVATE = 0x40000;
        internal const ulong MS_STRICTATIME = 0x1000000;

        [LibraryImport(Libraries.Libc, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Mount(string? source, string target, string? fstype, ulong flags, string? data);
    }
}
