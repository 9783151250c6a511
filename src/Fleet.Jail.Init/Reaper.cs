using System.Runtime.InteropServices;

namespace Fleet.Jail.Init;

/// <summary>
/// The jail's PID 1 after setup: Native/spawn.c, linked into this binary, forks the workload and
/// replaces this process with Native/reaper-main.c, a static binary of a few KiB embedded here and
/// executed from a sealed memfd, so no .NET runtime stays in memory for the workload's life. It
/// forwards signals, reaps every child and records the workload's end in the bundle's exit file
/// (Fleet.Jail's README.md, "PID 1").
/// </summary>
internal static partial class Reaper
{
    /// <summary>
    /// Opens the bundle's exit file while the host path is reachable; close-on-exec: only the
    /// reaper gets it, never the workload. Returns the fd.
    /// </summary>
    public static int OpenExitFile(string exitPath) =>
        Interop.CheckIo(
            Interop.Libc.Open(exitPath, Interop.Libc.O_WRONLY | Interop.Libc.O_CREAT | Interop.Libc.O_TRUNC | Interop.Libc.O_CLOEXEC, 0b110_100_100),
            "open", exitPath);

    /// <summary>
    /// Starts the workload as PID 2 and turns this process into the reaper; returns only when the
    /// fork failed, with the errno. An execve failure is the child's: it writes the reason to
    /// <paramref name="statusFd"/> and exits 126 or 127, which the reaper passes on.
    /// </summary>
    public static unsafe int SpawnWorkload(string path, byte** argv, byte** envp, int exitFd, int statusFd) =>
        -FleetSpawnWorkload(path, argv, envp, exitFd, statusFd);

    [LibraryImport("fleet-reaper", EntryPoint = "fleet_spawn_workload", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int FleetSpawnWorkload(string path, byte** argv, byte** envp, int exitFd, int statusFd);
}
