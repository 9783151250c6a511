using Fleet.Jail.Bundles;
using Fleet.Jail.Security;
using static Fleet.Jail.Interop.Libc;

namespace Fleet.Jail.Init;

/// <summary>
/// The spec's capability sets, on the thread that will execve (capabilities are per thread and
/// survive execve). For root, execve makes permitted and effective equal to the bounding set, so
/// the bounding set is what limits a root workload; for any other user only ambient ones survive.
/// </summary>
internal static class CapabilitySets
{
    /// <summary>Highest capability number prctl is asked about; the kernel says EINVAL past its own last one.</summary>
    private const int MaxCapability = 63;

    /// <summary>Drops every capability not in the bounding set, including ones newer than Fleet knows. Needs CAP_SETPCAP, so it comes first.</summary>
    public static void DropBounding(OciCapabilities capabilities)
    {
        var keep = Capabilities.Mask(capabilities.Bounding);
        for (var capability = 0; capability <= MaxCapability; capability++)
        {
            if ((keep & (1UL << capability)) != 0)
            {
                continue;
            }

            if (Prctl(PR_CAPBSET_DROP, (ulong)capability, 0, 0, 0) == -1)
            {
                if (Interop.LastErrno == Interop.Errno.EINVAL)
                {
                    break;
                }

                throw new JailException(Interop.FormatError("prctl PR_CAPBSET_DROP", capability.ToString(System.Globalization.CultureInfo.InvariantCulture), Interop.LastErrno)) { Errno = Interop.LastErrno };
            }
        }
    }

    /// <summary>Sets effective, permitted and inheritable with capset, then the ambient set (cleared, then raised one by one).</summary>
    public static unsafe void Set(OciCapabilities capabilities)
    {
        var effective = Capabilities.Mask(capabilities.Effective);
        var permitted = Capabilities.Mask(capabilities.Permitted);
        var inheritable = Capabilities.Mask(capabilities.Inheritable);
        var header = new CapHeader { Version = LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        var data = stackalloc CapData[2];
        data[0] = new CapData { Effective = (uint)effective, Permitted = (uint)permitted, Inheritable = (uint)inheritable };
        data[1] = new CapData { Effective = (uint)(effective >> 32), Permitted = (uint)(permitted >> 32), Inheritable = (uint)(inheritable >> 32) };
        Interop.CheckIo(Capset(&header, data), "capset", $"effective {effective:x} permitted {permitted:x} inheritable {inheritable:x}");

        Interop.CheckIo(Prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "prctl", "PR_CAP_AMBIENT_CLEAR_ALL");
        foreach (var name in capabilities.Ambient)
        {
            var number = Capabilities.Number(name) ?? throw new JailException($"capability {name}: unknown");
            Interop.CheckIo(Prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (ulong)number, 0, 0), "prctl PR_CAP_AMBIENT_RAISE", name);
        }
    }
}
