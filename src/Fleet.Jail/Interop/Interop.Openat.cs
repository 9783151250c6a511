using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AT_FDCWD = -100;
        internal const int O_NOFOLLOW = 0x20000;
        internal const int O_PATH = 0x200000;

        /// <summary>openat(2): with O_PATH|O_NOFOLLOW it pins one directory entry without following it or opening it for I/O.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Openat(int dirFd, string path, int flags, uint mode);

        /// <summary>readlinkat(2): the link's text, not NUL-terminated; EINVAL when the entry is not a symlink.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial nint Readlinkat(int dirFd, string path, Span<byte> buffer, nuint size);

        [LibraryImport(Libraries.Libc, EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Mkdirat(int dirFd, string path, uint mode);

        [LibraryImport(Libraries.Libc, EntryPoint = "mknodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Mknodat(int dirFd, string path, uint mode, ulong dev);

        [LibraryImport(Libraries.Libc, EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Symlinkat(string target, int dirFd, string linkPath);

        /// <summary>fchmodat(2) without AT_SYMLINK_NOFOLLOW: used only on entries this process just created.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Fchmodat(int dirFd, string path, uint mode, int flags);
    }
}
