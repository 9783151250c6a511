using Fleet.Jail.Bundles;
using Microsoft.Win32.SafeHandles;
using static Fleet.Jail.Interop.Libc;

namespace Fleet.Jail.Init;

/// <summary>
/// The spec's masked and read-only paths, after pivot_root (so they are the jail's own /proc and
/// /sys). Paths this kernel does not have are skipped, as runc does.
/// </summary>
internal static class ProtectedPaths
{
    private const ulong Hardened = MS_NOSUID | MS_NODEV | MS_NOEXEC;

    public static void Apply(OciLinux linux)
    {
        using var root = MountTarget.OpenRoot("/");
        foreach (var path in linux.MaskedPaths)
        {
            Mask(root, path);
        }

        foreach (var path in linux.ReadonlyPaths)
        {
            MakeReadonly(root, path);
        }
    }

    /// <summary>A file gets /dev/null bound over it (reads empty, writes vanish); a directory an empty read-only tmpfs.</summary>
    private static void Mask(SafeFileHandle root, string path)
    {
        using var target = MountTarget.Open(root, path, create: false);
        if (target is null)
        {
            return;
        }

        var result = MountTarget.IsDirectory(target)
            ? Mount("tmpfs", MountTarget.ProcPath(target), "tmpfs", MS_RDONLY | Hardened, null)
            : Mount("/dev/null", MountTarget.ProcPath(target), null, MS_BIND, null);
        Interop.CheckIo(result, "mask", path);
    }

    /// <summary>
    /// A bind mount of the path onto itself, then a remount of that bind read-only. A bind ignores
    /// MS_RDONLY, hence the two steps; the remount keeps the nosuid/nodev/noexec the mount already had.
    /// </summary>
    private static void MakeReadonly(SafeFileHandle root, string path)
    {
        using (var target = MountTarget.Open(root, path, create: false))
        {
            if (target is null)
            {
                return;
            }

            var self = MountTarget.ProcPath(target);
            Interop.CheckIo(Mount(self, self, null, MS_BIND | MS_REC, null), "bind", path);
        }

        // Reopened: the handle from before the bind holds the entry under the new mount.
        using var bound = MountTarget.Open(root, path, create: false)
            ?? throw new JailException($"make {path} read-only: gone after its bind mount");
        Interop.CheckIo(Fstatfs((int)bound.DangerousGetHandle(), out var statfs), "statfs", path);
        var flags = MS_BIND | MS_REMOUNT | MS_RDONLY | (statfs.Flags & ST_NOSUID_NODEV_NOEXEC);
        Interop.CheckIo(Mount(null, MountTarget.ProcPath(bound), null, flags, null), "remount read-only", path);
    }
}
