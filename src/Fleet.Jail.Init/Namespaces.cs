using Fleet.Jail.Bundles;

namespace Fleet.Jail.Init;

/// <summary>The namespaces the init makes for itself (the PID namespace it was born in).</summary>
internal static class Namespaces
{
    public static void Unshare(IReadOnlyList<OciNamespace> namespaces)
    {
        var flags = 0;
        foreach (var ns in namespaces)
        {
            flags |= ns.Type switch
            {
                // The spawner already made it: the init is its PID 1.
                "pid" => 0,
                "mount" => Interop.Libc.CLONE_NEWNS,
                "uts" => Interop.Libc.CLONE_NEWUTS,
                "ipc" => Interop.Libc.CLONE_NEWIPC,
                "network" => Interop.Libc.CLONE_NEWNET,
                // Unshared after joining the jail's cgroup, so that cgroup is the namespace's root.
                "cgroup" => Interop.Libc.CLONE_NEWCGROUP,
                _ => throw new JailException($"unshare {ns.Type}: namespace type not supported"),
            };
        }

        Interop.CheckIo(Interop.Libc.Unshare(flags), "unshare", string.Join(',', namespaces.Select(ns => ns.Type).Where(type => type != "pid")));
    }

    public static bool Has(OciSpec config, string type) => config.Linux.Namespaces.Any(ns => ns.Type == type);
}
