using Fleet.Jail.Bundles;
using Fleet.Jail.Cgroups;

namespace Fleet.Jail.Tests;

/// <summary>The v1 driver's layout logic on a fixture tree; the real hierarchies are exercised by <see cref="JailRuntimeTests"/>.</summary>
public sealed class CgroupV1DriverTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cgroup1-").FullName;

    [Fact]
    public void Detects_v1_when_the_root_holds_hierarchies_and_a_hybrid_unified_mount()
    {
        Directory.CreateDirectory(Path.Combine(_root, "memory"));
        Directory.CreateDirectory(Path.Combine(_root, "unified"));
        File.WriteAllText(Path.Combine(_root, "unified", "cgroup.controllers"), "");

        Assert.IsType<CgroupV1Driver>(CgroupDriver.Detect(_root));
    }

    [Fact]
    public void This_machine_is_v1()
    {
        Assert.IsType<CgroupV1Driver>(CgroupDriver.Detect());
    }

    [Fact]
    public void Co_mounted_hierarchies_count_once_and_missing_ones_are_skipped()
    {
        Directory.CreateDirectory(Path.Combine(_root, "memory"));
        Directory.CreateDirectory(Path.Combine(_root, "cpu,cpuacct"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "cpu"), "cpu,cpuacct");
        Directory.CreateSymbolicLink(Path.Combine(_root, "cpuacct"), "cpu,cpuacct");

        var directories = new CgroupV1Driver(_root).Directories("/fleet/j1");

        Assert.Equal([Path.Combine(_root, "memory", "fleet", "j1"), Path.Combine(_root, "cpu", "fleet", "j1")], directories);
    }

    [Fact]
    public void A_limit_without_its_hierarchy_is_an_error_naming_it()
    {
        Directory.CreateDirectory(Path.Combine(_root, "cpu"));

        var error = Assert.Throws<JailException>(() =>
            new CgroupV1Driver(_root).Create("/fleet/j1", new OciResources { Memory = new OciMemory(1 << 20) }));

        Assert.Equal($"cgroup v1 memory hierarchy missing at {Path.Combine(_root, "memory")}", error.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
