using Fleet.Jail.Bundles;
using Microsoft.Win32.SafeHandles;
using static Fleet.Jail.Interop.Libc;

namespace Fleet.Jail.Init;

/// <summary>The jail's file system: overlay root, kernel file systems, pivot_root. Runs in the jail's own mount namespace.</summary>
internal static class Rootfs
{
    private const ulong DefaultFlags = MS_NOSUID | MS_NODEV | MS_NOEXEC;

    /// <summary>Builds the jail's root at <paramref name="bundle"/>'s rootfs mount point and returns its path.</summary>
    public static string Prepare(JailBundle bundle, OciSpec config)
    {
        // Nothing mounted from here on may propagate back to the host (or to other jails):
        // the overlay and everything under it vanish with this mount namespace.
        Mount(null, "/", null, MS_REC | MS_PRIVATE, null, "make / rprivate");

        var root = bundle.RootfsDirectory(config);
        var lower = Stdio.Required(config, FleetAnnotations.RootfsLower);
        Mount("overlay", root, "overlay", 0, $"lowerdir={lower},upperdir={bundle.UpperDirectory},workdir={bundle.WorkDirectory}", "mount overlay on");

        // From here every target is the image's to shape (a symlink, a missing directory): each is
        // resolved inside the root, never by a path string the kernel would follow to the host.
        using var rootHandle = MountTarget.OpenRoot(root);
        MountAt(rootHandle, "proc", "proc", "proc", DefaultFlags, null);
        using (var dev = MountAt(rootHandle, "dev", "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k"))
        {
            // Reopened: the handle taken before the mount holds the directory under it.
            using var mounted = MountTarget.Open(rootHandle, "dev", create: false)!;
            Devices.Create(mounted);
        }

        MountAt(rootHandle, "dev/pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620").Dispose();
        MountAt(rootHandle, "dev/shm", "shm", "tmpfs", DefaultFlags, "mode=1777,size=65536k").Dispose();
        MountAt(rootHandle, "dev/mqueue", "mqueue", "mqueue", DefaultFlags, null).Dispose();
        MountAt(rootHandle, "sys", "sysfs", "sysfs", DefaultFlags | MS_RDONLY, null).Dispose();
        return root;
    }

    /// <summary>
    /// Makes <paramref name="root"/> the root with pivot_root(".", "."): the old root ends up
    /// mounted on top of the new one and is detached at once, so no path leads back to the host.
    /// chroot would leave the host's tree reachable.
    /// </summary>
    public static void PivotInto(string root)
    {
        Interop.CheckIo(Chdir(root), "chdir", root);
        Interop.CheckIo(PivotRoot(".", "."), "pivot_root", root);
        Interop.CheckIo(Umount2(".", MNT_DETACH), "umount2", "old root");
        Interop.CheckIo(Chdir("/"), "chdir", "/");
    }

    /// <summary>After the pivot: the root mount becomes read-only; /dev, /dev/shm, /proc and the rest keep their own mounts.</summary>
    public static void MakeReadonly() =>
        Mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY, null, "remount read-only");

    private static SafeFileHandle MountAt(SafeFileHandle root, string relative, string source, string fstype, ulong flags, string? data)
    {
        // The image may lack the mount point; creating it writes to the overlay's upper dir only.
        var target = MountTarget.Open(root, relative, create: true)!;
        Interop.CheckIo(Interop.Libc.Mount(source, MountTarget.ProcPath(target), fstype, flags, data), $"mount {fstype} on", "/" + relative);
        return target;
    }

    private static void Mount(string? source, string target, string? fstype, ulong flags, string? data, string op) =>
        Interop.CheckIo(Interop.Libc.Mount(source, target, fstype, flags, data), op, target);
}
