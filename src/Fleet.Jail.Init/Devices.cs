using Microsoft.Win32.SafeHandles;
using static Fleet.Jail.Interop.Libc;

namespace Fleet.Jail.Init;

/// <summary>The minimal /dev, on a fresh tmpfs: the usual character devices and the /proc links.</summary>
internal static class Devices
{
    private const uint ReadWriteAll = 0b110_110_110; // 0666

    private static readonly (string Name, uint Major, uint Minor)[] CharDevices =
    [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ];

    private static readonly (string Name, string Target)[] Links =
    [
        ("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"), ("ptmx", "pts/ptmx"),
    ];

    /// <summary>Creates the devices in <paramref name="dev"/>, a handle on the new tmpfs (never a path the image could redirect).</summary>
    public static void Create(SafeFileHandle dev)
    {
        var fd = (int)dev.DangerousGetHandle();
        foreach (var (name, major, minor) in CharDevices)
        {
            Interop.CheckIo(Mknodat(fd, name, S_IFCHR | ReadWriteAll, MakeDev(major, minor)), "mknod", "/dev/" + name);
            // mknod's mode is cut by the umask; the devices must be usable by every user.
            Interop.CheckIo(Fchmodat(fd, name, ReadWriteAll, 0), "chmod", "/dev/" + name);
        }

        foreach (var (name, target) in Links)
        {
            Interop.CheckIo(Symlinkat(target, fd, name), "symlink", "/dev/" + name);
        }
    }
}
