using Fleet.Jail.Bundles;
using static Fleet.Jail.Interop.Libc;

namespace Fleet.Jail.Init;

/// <summary>
/// The workload's user and groups, on the thread that will execve (credentials, like capabilities,
/// are per thread in the kernel). The agent's supplementary groups are always replaced, even for root.
/// </summary>
internal static class Credentials
{
    /// <summary>
    /// Between dropping the bounding set and capset: changing uid from 0 clears the permitted set
    /// unless PR_SET_KEEPCAPS is on, and capset can then only choose among what is left.
    /// </summary>
    public static void Switch(OciUser user)
    {
        var changesUid = user.Uid != 0;
        if (changesUid)
        {
            Interop.CheckIo(Prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), "prctl", "PR_SET_KEEPCAPS");
        }

        var groups = user.AdditionalGids.ToArray();
        Interop.CheckIo(SetgroupsThisThread(groups), "setgroups", string.Join(',', groups));
        Interop.CheckIo(SetresgidThisThread(user.Gid), "setresgid", user.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (changesUid)
        {
            Interop.CheckIo(SetresuidThisThread(user.Uid), "setresuid", user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Interop.CheckIo(Prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0), "prctl", "PR_SET_KEEPCAPS 0");
        }
    }
}
