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

    public static void Create(string dev)
    {
        foreach (var (name, major, minor) in CharDevices)
        {
            var path = Path.Combine(dev, name);
            Interop.CheckIo(Mknod(path, S_IFCHR | ReadWriteAll, MakeDev(major, minor)), "mknod", path);
            // mknod's mode is cut by the umask; the devices must be usable by every user.
            Interop.CheckIo(Chmod(path, ReadWriteAll), "chmod", path);
        }

        foreach (var (name, target) in Links)
        {
            File.CreateSymbolicLink(Path.Combine(dev, name), target);
        }
    }
}
