using Fleet.Jail.Usage;

namespace Fleet.Agent.Usage;

/// <summary>Where usage is read from: the cgroup file system and /proc. Tests point both at fixture trees.</summary>
internal sealed class UsageSources(string cgroupRoot = CgroupUsageReader.DefaultRoot, string procRoot = "/")
{
    public CgroupUsageReader Cgroups { get; } = CgroupUsageReader.Detect(cgroupRoot);

    public NetworkUsageReader Network { get; } = new(procRoot);

    public HostUsageReader Host { get; } = new(procRoot);
}
