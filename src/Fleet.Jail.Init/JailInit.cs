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
            // Host paths: open them while they are still reachable.
            var stdio = Stdio.Open(config);

            // Before the workload exists, so it can never run outside its limits, and before the
            // cgroup namespace, so the jail's cgroup becomes that namespace's root.
            if (config.Linux.CgroupsPath is { } cgroupsPath)
            {
                CgroupDriver.Detect().Join(cgroupsPath);
            }

            Namespaces.Unshare(config.Linux.Namespaces);
            var root = Rootfs.Prepare(bundle, config);
            Rootfs.PivotInto(root);

            if (config.Hostname is { } hostname && Namespaces.Has(config, "uts"))
            {
                Hostname.Set(hostname);
            }

            if (Namespaces.Has(config, "network"))
            {
                Network.BringLoopbackUp();
            }

            var (exitCode, reason) = Exec.Run(config.Process, stdio);
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
}
