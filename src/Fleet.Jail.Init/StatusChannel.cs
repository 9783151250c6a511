using System.Text;

namespace Fleet.Jail.Init;

/// <summary>
/// The bundle's status file, opened O_CLOEXEC before the pivot: the init writes why it failed
/// there, and the workload's successful execve closes it untouched, so "empty" means "the workload ran".
/// </summary>
internal sealed class StatusChannel(int fd)
{
    /// <summary>Also the workload's child end: it writes its own execve failure here.</summary>
    public int Fd => fd;

    public static StatusChannel Open(string path) =>
        new(Interop.CheckIo(
            Interop.Libc.Open(path, Interop.Libc.O_WRONLY | Interop.Libc.O_CREAT | Interop.Libc.O_TRUNC | Interop.Libc.O_CLOEXEC, 0b110_100_100),
            "open", path));

    public void Report(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message + "\n");
        _ = Interop.Libc.Write(fd, bytes, (nuint)bytes.Length);
    }
}
