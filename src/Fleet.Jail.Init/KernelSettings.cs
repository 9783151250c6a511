using System.Globalization;
using Fleet.Jail.Bundles;
using SysctlPolicy = Fleet.Jail.Security.Sysctls;

namespace Fleet.Jail.Init;

/// <summary>The jail's sysctls and its OOM score: files under its own /proc, written after pivot_root.</summary>
internal static class KernelSettings
{
    /// <summary>
    /// Only namespaced sysctls, checked again here since a bundle may come from elsewhere; written
    /// before /proc/sys becomes read-only.
    /// </summary>
    public static void ApplySysctls(IReadOnlyDictionary<string, string> sysctls)
    {
        foreach (var (key, value) in sysctls)
        {
            if (SysctlPolicy.Refusal(key) is { } refusal)
            {
                throw new JailException(refusal);
            }

            try
            {
                KernelFile.Write(SysctlPolicy.ProcPath(key), value);
            }
            catch (JailException e) when (e.Errno == Interop.Errno.ENOENT)
            {
                throw new JailException($"sysctl {key}: not in the jail's namespaces on this kernel (no {SysctlPolicy.ProcPath(key)})", e) { Errno = e.Errno };
            }
        }
    }

    /// <summary>Before capabilities are dropped: lowering the score below the inherited floor needs CAP_SYS_RESOURCE.</summary>
    public static void ApplyOomScoreAdj(OciProcess process)
    {
        if (process.OomScoreAdj is { } score)
        {
            KernelFile.Write("/proc/self/oom_score_adj", score.ToString(CultureInfo.InvariantCulture));
        }
    }
}
