using Fleet.Jail.Bundles;
using Fleet.Jail.Security;

namespace Fleet.Jail.Init;

/// <summary>The spec's rlimits, set on the init and inherited through execve.</summary>
internal static class ResourceLimits
{
    public static void Apply(IReadOnlyList<OciRlimit> rlimits)
    {
        foreach (var limit in rlimits)
        {
            var resource = Rlimits.Resource(limit.Type) ?? throw new JailException($"setrlimit {limit.Type}: unknown resource");
            var value = new Interop.Libc.Rlimit { Current = limit.Soft, Maximum = limit.Hard };
            Interop.CheckIo(Interop.Libc.Setrlimit(resource, value), "setrlimit", $"{limit.Type} {limit.Soft}:{limit.Hard}");
        }
    }
}
