using System.ComponentModel;
using System.Diagnostics;
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

    /// <summary>Where <see cref="InstallProbeAsync"/> puts fleet-probe, as the jail sees it.</summary>
    public const string ProbeInJail = "/bin/fleet-probe";

    private readonly Lazy<Task> _probe;

    public JailFixture()
    {
        _probe = new Lazy<Task>(BuildProbeAsync);
    }

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

    /// <summary>
    /// Compiles Probes/fleet-probe.c statically, once, into the shared rootfs: the attacks need
    /// system calls busybox cannot make. Fails saying what to install when gcc is missing.
    /// </summary>
    public Task InstallProbeAsync() => _probe.Value;

    public JailRuntime NewRuntime(string stateDirectory, bool traceInit = false) =>
        new(new JailRuntimeOptions { StateDirectory = stateDirectory, InitPath = InitPath, CgroupParent = CgroupParent, TraceInitSteps = traceInit });

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

    private async Task BuildProbeAsync()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Probes", "fleet-probe.c");
        var startInfo = new ProcessStartInfo("gcc") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-static", "-O1", "-Wall", "-Werror", "-o", Path.Combine(RootfsPath, ProbeInJail.TrimStart('/')), source])
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process gcc;
        try
        {
            gcc = Process.Start(startInfo)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("the attack tests build fleet-probe with gcc -static: install gcc and libc6-dev", e);
        }

        using (gcc)
        {
            var errors = await gcc.StandardError.ReadToEndAsync();
            await gcc.WaitForExitAsync();
            if (gcc.ExitCode != 0)
            {
                throw new InvalidOperationException($"gcc -static {source} failed (exit {gcc.ExitCode}; is libc6-dev installed?): {errors}");
            }
        }
    }

    private static string FindInit() =>
        Environment.GetEnvironmentVariable("FLEET_JAIL_INIT") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : typeof(JailFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "JailInitPath").Value!;
}
