using System.Text;

namespace Fleet.Jail;

/// <summary>
/// Writes to cgroup and proc files with plain open/write: the kernel reports a rejected value
/// only as the write's errno, and FileStream's advisory lock means nothing there.
/// </summary>
internal static class KernelFile
{
    /// <summary>Writes <paramref name="value"/> in one write(2); throws naming the path and errno.</summary>
    internal static void Write(string path, string value)
    {
        var fd = Interop.CheckIo(
            Interop.Libc.Open(path, Interop.Libc.O_WRONLY | Interop.Libc.O_TRUNC | Interop.Libc.O_CLOEXEC, 0), "open", path);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            if (Interop.Libc.Write(fd, bytes, (nuint)bytes.Length) != bytes.Length)
            {
                var errno = Interop.LastErrno;
                throw new JailException($"write {path} \"{value}\": {Interop.Describe(errno)}") { Errno = errno };
            }
        }
        finally
        {
            _ = Interop.Libc.Close(fd);
        }
    }
}
