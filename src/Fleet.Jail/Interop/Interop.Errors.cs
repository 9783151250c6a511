using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static class Errno
    {
        internal const int EPERM = 1;
        internal const int ENOENT = 2;
        internal const int ESRCH = 3;
        internal const int EINTR = 4;
        internal const int EACCES = 13;
        internal const int EBUSY = 16;
        internal const int EEXIST = 17;
        internal const int ENOTDIR = 20;
        internal const int EISDIR = 21;
        internal const int EINVAL = 22;
        internal const int EROFS = 30;
        internal const int ENOSYS = 38;
        internal const int ELOOP = 40;
    }

    /// <summary>The errno of the last P/Invoke declared with SetLastError.</summary>
    internal static int LastErrno => Marshal.GetLastPInvokeError();

    /// <summary>strerror(errno), e.g. "No such file or directory".</summary>
    internal static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>"op path: strerror" — runc's and crun's convention: the syscall, what it acted on, and why it failed.</summary>
    internal static string FormatError(string op, string? path, int errno) =>
        path is null ? $"{op}: {Describe(errno)}" : $"{op} {path}: {Describe(errno)}";

    /// <summary>Throws a <see cref="JailException"/> naming the operation, the path and errno when <paramref name="result"/> is -1.</summary>
    internal static int CheckIo(int result, string op, string? path = null)
    {
        if (result == -1)
        {
            var errno = LastErrno;
            throw new JailException(FormatError(op, path, errno)) { Errno = errno };
        }

        return result;
    }
}
