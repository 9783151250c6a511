using Fleet.Jail.Bundles;
using Fleet.Jail.Cgroups;

namespace Fleet.Jail.Tests;

/// <summary>
/// cgroup v2 cannot be mounted on this (v1) machine, so the driver runs against a fixture tree
/// laid out as the kernel would: the interface files a cgroup2 directory has, pre-created.
/// </summary>
public sealed class CgroupV2DriverTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cgroup2-").FullName;

    public CgroupV2DriverTests()
    {
        Cgroup("", controllers: "cpuset cpu io memory hugetlb pids rdma misc");
        // What the kernel shows a child once its parent delegates those controllers.
        Cgroup("fleet", controllers: "cpu io memory pids");
        Cgroup("fleet/j1", controllers: "cpu memory pids", "memory.max", "memory.swap.max", "cpu.max", "cgroup.procs");
    }

    [Fact]
    public void Detects_v2_when_the_root_is_a_cgroup2_mount()
    {
        Assert.IsType<CgroupV2Driver>(CgroupDriver.Detect(_root));
    }

    [Fact]
    public void Create_enables_controllers_down_the_tree_and_writes_the_limits()
    {
        var driver = CgroupDriver.Detect(_root);

        driver.Create("/fleet/j1", new OciResources { Memory = new OciMemory(64L << 20, Swap: 64L << 20), Cpu = new OciCpu(50_000, 100_000) });

        Assert.Equal("+cpu +memory +pids", Read("cgroup.subtree_control"));
        Assert.Equal("+cpu +memory +pids", Read("fleet/cgroup.subtree_control"));
        Assert.Equal("67108864", Read("fleet/j1/memory.max"));
        Assert.Equal("0", Read("fleet/j1/memory.swap.max"));
        Assert.Equal("50000 100000", Read("fleet/j1/cpu.max"));
        Assert.Equal([Path.Combine(_root, "fleet", "j1")], driver.Directories("/fleet/j1"));
    }

    [Fact]
    public void Controllers_already_enabled_are_not_written_again()
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.subtree_control"), "cpu memory pids\n");

        new CgroupV2Driver(_root).Create("/fleet/j1", new OciResources { Memory = new OciMemory(1 << 20) });

        Assert.Equal("cpu memory pids", Read("cgroup.subtree_control"));
    }

    [Fact]
    public void Join_writes_zero_to_cgroup_procs()
    {
        new CgroupV2Driver(_root).Join("/fleet/j1");

        Assert.Equal("0", Read("fleet/j1/cgroup.procs"));
    }

    [Fact]
    public void A_controller_the_root_does_not_offer_is_an_error_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "cpu pids\n");

        var error = Assert.Throws<JailException>(() =>
            new CgroupV2Driver(_root).Create("/fleet/j1", new OciResources { Memory = new OciMemory(1 << 20) }));

        Assert.Equal($"cgroup v2 controller memory not available in {Path.Combine(_root, "cgroup.controllers")}", error.Message);
    }

    [Fact]
    public async Task Remove_deletes_the_leaf_and_keeps_the_parent()
    {
        // rmdir of a real cgroup works while it still holds its interface files; a fixture has to
        // lose them first.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, "fleet", "j1")))
        {
            File.Delete(file);
        }

        var driver = new CgroupV2Driver(_root);
        await driver.RemoveAsync("/fleet/j1", TimeSpan.FromSeconds(1), TimeProvider.System, TestContext.Current.CancellationToken);
        await driver.RemoveAsync("/fleet/j1", TimeSpan.FromSeconds(1), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.False(Directory.Exists(Path.Combine(_root, "fleet", "j1")));
        Assert.True(Directory.Exists(Path.Combine(_root, "fleet")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/fleet/../etc")]
    [InlineData("fleet//j1")]
    public void Paths_that_leave_the_root_are_refused(string path)
    {
        Assert.Throws<ArgumentException>(() => new CgroupV2Driver(_root).Directories(path));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Cgroup(string path, string controllers, params string[] files)
    {
        var directory = Path.Combine(_root, path);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "cgroup.controllers"), controllers + "\n");
        File.WriteAllText(Path.Combine(directory, "cgroup.subtree_control"), "");
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(directory, file), "");
        }
    }

    private string Read(string path) => File.ReadAllText(Path.Combine(_root, path)).Trim();
}
