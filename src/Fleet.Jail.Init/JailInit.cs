using Fleet.Jail.Bundles;
using Fleet.Jail.Cgroups;

namespace Fleet.Jail.Init;

/// <summary>
/// The jail sequence, in order. The init is already PID 1 of a new PID namespace; everything it
/// does after that is in this file, one kernel area per step.
/// </summary>
internal static class JailInit
{
    public static int Run(string bundleDirectory)
    {
        var bundle = new JailBundle(bundleDirectory);
        StatusChannel status;
        try
        {
            // First, so that every later failure can be reported.
            status = StatusChannel.Open(bundle.StatusPath);
        }
        catch (JailException e)
        {
            Console.Error.WriteLine($"fleet-jail-init: {e.Message}");
            return InitExitCode.SetupFailed;
        }

        try
        {
            var config = bundle.ReadConfig();
            var trace = config.Annotation(FleetAnnotations.InitTrace) == "true"
                ? InitTrace.Open(Path.Combine(bundle.Directory, InitTrace.FileName))
                : InitTrace.Off;
            // Host paths: open them while they are still reachable.
            var stdio = Stdio.Open(config);
            var exitFile = Reaper.OpenExitFile(bundle.ExitPath);
            var filter = bundle.SeccompFilter(config);
            trace.Step("config");

            // Before the workload exists, so it can never run outside its limits, and before the
            // cgroup namespace, so the jail's cgroup becomes that namespace's root.
            if (config.Linux.CgroupsPath is { } cgroupsPath)
            {
                CgroupDriver.Detect().Join(cgroupsPath);
            }

            trace.Step("cgroup");
            Namespaces.Unshare(config.Linux.Namespaces);
            trace.Step("namespaces");
            var root = Rootfs.Prepare(bundle, config);
            trace.Step("mounts");
            Rootfs.PivotInto(root);
            trace.Step("pivot_root");

            if (config.Hostname is { } hostname && Namespaces.Has(config, "uts"))
            {
                Hostname.Set(hostname);
            }

            if (Namespaces.Has(config, "network"))
            {
                Network.BringLoopbackUp();
            }

            trace.Step("hostname+lo");
            var (exitCode, reason) = Harden(config, stdio, filter, trace, exitFile, status);
            status.Report(reason);
            return exitCode;
        }
        catch (JailException e)
        {
            status.Report(e.Message);
            return InitExitCode.SetupFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            status.Report($"init {bundle.Directory}: {e.Message}");
            return InitExitCode.SetupFailed;
        }
    }

    /// <summary>
    /// After pivot_root, in the jail's own /proc: sysctls, masked and read-only paths, then the
    /// privileges, strongest first (each later step needs less than the one before), then the
    /// fork: the workload's execve in the child, the reaper in this process.
    /// Returns only when the workload could not be started.
    /// </summary>
    private static (int ExitCode, string Reason) Harden(OciSpec config, Stdio stdio, ulong[]? filter, InitTrace trace, int exitFile, StatusChannel status)
    {
        var process = config.Process;
        // Sysctls first: /proc/sys becomes read-only right after.
        KernelSettings.ApplySysctls(config.Linux.Sysctl);
        trace.Step("sysctls");
        ProtectedPaths.Apply(config.Linux);
        if (config.Root.Readonly)
        {
            Rootfs.MakeReadonly();
        }

        trace.Step("masked+readonly paths");
        ResourceLimits.Apply(process.Rlimits);
        KernelSettings.ApplyOomScoreAdj(process);
        trace.Step("rlimits+oom_score_adj");
        stdio.Install();
        // Without no_new_privs, loading a filter needs CAP_SYS_ADMIN: load it while the init has it.
        if (filter is not null && !process.NoNewPrivileges)
        {
            SeccompFilter.Load(filter);
        }

        var capabilities = process.Capabilities ?? new OciCapabilities();
        CapabilitySets.DropBounding(capabilities);

        Credentials.Switch(process.User);
        // As the workload's user: its working directory and its command must be reachable by it.
        Interop.CheckIo(Interop.Libc.Chdir(process.Cwd), "chdir", process.Cwd);
        var (path, exitCode, reason) = Exec.Resolve(process);
        if (path is null)
        {
            return (exitCode, reason!);
        }

        CapabilitySets.Set(capabilities);

        trace.Step("stdio+user+capabilities+resolve");
        if (process.NoNewPrivileges)
        {
            SeccompFilter.SetNoNewPrivileges();
            if (filter is not null)
            {
                SeccompFilter.Load(filter);
            }
        }

        trace.Step("no_new_privs+seccomp load");
        trace.Write();
        // Forked last, so the reaper (PID 1) is exactly as confined as the workload: same user,
        // capabilities, no_new_privs and seccomp filter, in the same namespaces and root.
        return Exec.Run(path, process, exitFile, status.Fd);
    }
}
