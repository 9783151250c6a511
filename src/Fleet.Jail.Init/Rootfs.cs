using Fleet.Jail.Bundles;
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

        MountAt(root, "proc", "proc", "proc", DefaultFlags, null);
        MountAt(root, "dev", "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k");
        Devices.Create(Path.Combine(root, "dev"));
        MountAt(root, "dev/pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620");
        MountAt(root, "dev/shm", "shm", "tmpfs", DefaultFlags, "mode=1777,size=65536k");
        MountAt(root, "dev/mqueue", "mqueue", "mqueue", DefaultFlags, null);
        MountAt(root, "sys", "sysfs", "sysfs", DefaultFlags | MS_RDONLY, null);
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

    private static void MountAt(string root, string relative, string source, string fstype, ulong flags, string? data)
    {
        var target = Path.Combine(root, relative);
        // The image may lack the mount point; creating it writes to the overlay's upper dir only.
        Directory.CreateDirectory(target);
        Mount(source, target, fstype, flags, data, $"mount {fstype} on");
    }

    private static void Mount(string? source, string target, string? fstype, ulong flags, string? data, string op) =>
        Interop.CheckIo(Interop.Libc.Mount(source, target, fstype, flags, data), op, target);
}
