using System.Text;
using Microsoft.Win32.SafeHandles;
using static Fleet.Jail.Interop.Libc;

namespace Fleet.Jail.Init;

/// <summary>
/// Finds a mount target inside a root without ever leaving it: each component is looked up with
/// O_PATH|O_NOFOLLOW from the directory before it, a symlink's text is resolved again from the
/// root (an absolute link means the root, ".." stops at the root), and the mount is then made on
/// /proc/self/fd/N, the very entry found. A rootfs whose /proc is a symlink to a host path, or to
/// "../../../etc", gets its mount inside itself, and no directory is created on the host.
/// </summary>
internal static class MountTarget
{
    private const int MaxSymlinks = 40;
    private const uint DirectoryMode = 0b111_101_101; // 0755

    /// <summary>
    /// The O_PATH handle of <paramref name="path"/> under <paramref name="root"/>, creating missing
    /// directories when <paramref name="create"/> is set; null when it does not exist and is not to be created.
    /// </summary>
    public static SafeFileHandle? Open(SafeFileHandle root, string path, bool create)
    {
        var rootFd = (int)root.DangerousGetHandle();
        // The directories walked so far, the root first; only the root is not ours to close.
        var walked = new List<int> { rootFd };
        var pending = new LinkedList<string>(Components(path));
        var links = 0;
        Span<byte> buffer = stackalloc byte[4096];
        try
        {
            while (pending.First is { } first)
            {
                var name = first.Value;
                pending.RemoveFirst();
                if (name == ".")
                {
                    continue;
                }

                if (name == "..")
                {
                    // At the root, ".." is the root, as the kernel makes it for a process's own root.
                    if (walked.Count > 1)
                    {
                        CloseLast(walked);
                    }

                    continue;
                }

                var current = walked[^1];
                var length = Readlinkat(current, name, buffer, (nuint)buffer.Length);
                if (length >= 0)
                {
                    if (++links > MaxSymlinks)
                    {
                        throw new JailException($"resolve {path} in the jail's root: {Interop.Describe(Interop.Errno.ELOOP)}") { Errno = Interop.Errno.ELOOP };
                    }

                    var target = Encoding.UTF8.GetString(buffer[..(int)length]);
                    if (target.StartsWith('/'))
                    {
                        while (walked.Count > 1)
                        {
                            CloseLast(walked);
                        }
                    }

                    foreach (var component in Components(target).Reverse())
                    {
                        pending.AddFirst(component);
                    }

                    continue;
                }

                var errno = Interop.LastErrno;
                if (errno == Interop.Errno.ENOENT)
                {
                    if (!create)
                    {
                        return null;
                    }

                    if (Mkdirat(current, name, DirectoryMode) == -1 && Interop.LastErrno != Interop.Errno.EEXIST)
                    {
                        throw new JailException(Interop.FormatError("mkdir", $"{path} ({name}) in the jail's root", Interop.LastErrno)) { Errno = Interop.LastErrno };
                    }
                }
                else if (errno != Interop.Errno.EINVAL)
                {
                    // EINVAL: it exists and is not a symlink.
                    throw new JailException(Interop.FormatError("readlink", $"{path} ({name}) in the jail's root", errno)) { Errno = errno };
                }

                walked.Add(Interop.CheckIo(Openat(current, name, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0), "open", $"{path} ({name}) in the jail's root"));
            }

            var result = walked.Count > 1 ? walked[^1] : Interop.CheckIo(Openat(rootFd, ".", O_PATH | O_CLOEXEC, 0), "open", "the jail's root");
            if (walked.Count > 1)
            {
                walked.RemoveAt(walked.Count - 1);
            }

            return new SafeFileHandle(result, ownsHandle: true);
        }
        finally
        {
            while (walked.Count > 1)
            {
                CloseLast(walked);
            }
        }
    }

    /// <summary>Opens a directory of the host (or, after pivot_root, of the jail) to resolve from.</summary>
    public static SafeFileHandle OpenRoot(string directory) =>
        new(Interop.CheckIo(Interop.Libc.Open(directory, O_PATH | O_DIRECTORY | O_CLOEXEC, 0), "open", directory), ownsHandle: true);

    /// <summary>The magic link through which mount(2) acts on exactly the entry <paramref name="handle"/> holds.</summary>
    public static string ProcPath(SafeFileHandle handle) => $"/proc/self/fd/{handle.DangerousGetHandle()}";

    /// <summary>True when <paramref name="handle"/> is a directory (not a file or device).</summary>
    public static bool IsDirectory(SafeFileHandle handle)
    {
        var fd = Openat((int)handle.DangerousGetHandle(), ".", O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        if (fd >= 0)
        {
            _ = Close(fd);
            return true;
        }

        return false;
    }

    private static string[] Components(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static void CloseLast(List<int> walked)
    {
        _ = Close(walked[^1]);
        walked.RemoveAt(walked.Count - 1);
    }
}
