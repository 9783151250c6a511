using Fleet.Jail.Bundles;

namespace Fleet.Jail.Init;

/// <summary>
/// The workload's stdout and stderr: host log files, opened before the pivot (after it the host
/// paths are gone) and moved onto fds 1 and 2 just before execve.
/// </summary>
internal sealed class Stdio(int stdout, int stderr)
{
    private const int LogMode = 0b110_100_000; // 0640

    public static Stdio Open(OciSpec config) =>
        new(OpenLog(Required(config, FleetAnnotations.StdoutPath)), OpenLog(Required(config, FleetAnnotations.StderrPath)));

    /// <summary>
    /// /dev/null (the jail's) on 0, the logs on 1 and 2; dup2's copies lose O_CLOEXEC, so they
    /// survive execve. Every other fd is marked close-on-exec: whatever the agent let this process
    /// inherit must not reach the workload.
    /// </summary>
    public void Install()
    {
        var devNull = Interop.CheckIo(Interop.Libc.Open("/dev/null", Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC, 0), "open", "/dev/null");
        Interop.CheckIo(Interop.Libc.Dup2(devNull, 0), "dup2", "/dev/null");
        Interop.CheckIo(Interop.Libc.Dup2(stdout, 1), "dup2", "stdout");
        Interop.CheckIo(Interop.Libc.Dup2(stderr, 2), "dup2", "stderr");
        Interop.CheckIo(Interop.Libc.CloseRange(3, uint.MaxValue, Interop.Libc.CLOSE_RANGE_CLOEXEC), "close_range", "3..");
    }

    internal static string Required(OciSpec config, string annotation) =>
        config.Annotation(annotation) ?? throw new JailException($"read config.json: annotation {annotation} missing");

    private static int OpenLog(string path) =>
        // O_APPEND: the agent's log store reads these files while the workload writes them.
        Interop.CheckIo(
            Interop.Libc.Open(path, Interop.Libc.O_WRONLY | Interop.Libc.O_APPEND | Interop.Libc.O_CREAT | Interop.Libc.O_CLOEXEC, LogMode),
            "open", path);
}
