namespace Fleet.Cli.Dev;

/// <summary>
/// Where <c>fleet dev start</c> finds the control-plane and agent binaries: the published layout is
/// <c>artifacts/bin/{cli,controlplane,agent}</c>, so by default the directory above the CLI's own.
/// </summary>
internal static class BinDirectory
{
    public const string EnvironmentVariable = "FLEET_BIN_DIR";

    /// <summary><c>--bin-dir</c>, else <c>$FLEET_BIN_DIR</c>, else the parent of <paramref name="executableDirectory"/>.</summary>
    public static string Resolve(string? flag, string? environment, string executableDirectory)
    {
        ArgumentNullException.ThrowIfNull(executableDirectory);
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return Path.GetFullPath(flag);
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return Path.GetFullPath(environment);
        }

        var cli = Path.TrimEndingDirectorySeparator(Path.GetFullPath(executableDirectory));
        return Path.GetDirectoryName(cli) ?? cli;
    }

    /// <summary>
    /// The real directory of the running <c>fleet</c>: it is usually started through a symlink
    /// (/usr/local/bin/fleet), and the binaries live beside its target, not beside the link.
    /// </summary>
    public static string RunningExecutableDirectory()
    {
        // The kernel's /proc/self/exe, which ProcessPath reads, already has every link resolved;
        // under `dotnet fleet.dll` it names the dotnet host, so the app's own directory is used then.
        var process = Environment.ProcessPath;
        if (process is null || Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return AppContext.BaseDirectory;
        }

        var target = File.ResolveLinkTarget(process, returnFinalTarget: true)?.FullName ?? process;
        return Path.GetDirectoryName(target) ?? AppContext.BaseDirectory;
    }
}
