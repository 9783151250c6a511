using System.Reflection;
using Fleet.Jail.Tests;

[assembly: AssemblyFixture(typeof(JailFixture))]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Fleet.Jail.Tests;

/// <summary>
/// What every real-jail test shares: root, the published init, a busybox rootfs and a cgroup
/// parent of its own. Everything lives under one temp directory and one cgroup parent, both
/// removed at the end.
/// </summary>
public sealed class JailFixture : IAsyncLifetime
{
    public string TempRoot { get; } = Directory.CreateTempSubdirectory("fleet-jail-tests-").FullName;

    /// <summary>Not "fleet": a real agent on this machine must not see the tests' jails.</summary>
    public string CgroupParent { get; } = $"fleet-test-{Guid.NewGuid().ToString("N")[..8]}";

    public string RootfsPath => Path.Combine(TempRoot, "rootfs");

    public string InitPath { get; } = FindInit();

    public async ValueTask InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("the jail tests need root (namespaces, mounts, cgroups): run them as root");
        }

        if (!File.Exists(InitPath))
        {
            throw new InvalidOperationException($"fleet-jail-init not found at {InitPath}: build this project (it publishes it) or set FLEET_JAIL_INIT");
        }

        await BusyboxRootfs.EnsureAsync(RootfsPath);
    }

    public JailRuntime NewRuntime(string stateDirectory) =>
        new(new JailRuntimeOptions { StateDirectory = stateDirectory, InitPath = InitPath, CgroupParent = CgroupParent });

    /// <summary>The jail's cgroup directory in one v1 hierarchy.</summary>
    public string CgroupDirectory(string controller, string jailId) => Path.Combine("/sys/fs/cgroup", controller, CgroupParent, jailId);

    public ValueTask DisposeAsync()
    {
        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            var parent = Path.Combine(hierarchy, CgroupParent);
            if (Directory.Exists(parent))
            {
                Directory.Delete(parent);
            }
        }

        Directory.Delete(TempRoot, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static string FindInit() =>
        Environment.GetEnvironmentVariable("FLEET_JAIL_INIT") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : typeof(JailFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "JailInitPath").Value!;
}
