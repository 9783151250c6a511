using Fleet.Jail.Bundles;
using Fleet.Jail.Cgroups;

namespace Fleet.Jail;

/// <summary>What the runtime creates on the host for one jail: its cgroup and its bundle directory. Never the logs.</summary>
internal sealed class JailFootprint(JailBundle bundle, CgroupDriver cgroups, string cgroupsPath, TimeSpan drainTimeout)
{
    public JailBundle Bundle { get; } = bundle;

    public string CgroupsPath { get; } = cgroupsPath;

    /// <summary>The cgroup's oom_kill counter now (<see cref="CgroupDriver.OomKills"/>); read it before <see cref="RemoveAsync"/>.</summary>
    public long OomKills() => cgroups.OomKills(CgroupsPath);

    /// <summary>Removes the cgroup, waiting for exiting tasks to drain, then the bundle directory. Safe to repeat.</summary>
    public async Task RemoveAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        await cgroups.RemoveAsync(CgroupsPath, drainTimeout, time, cancellationToken);
        Bundle.Delete();
    }
}
