namespace Fleet.Cli.Dev;

/// <summary>
/// Reads /proc to tell whether a recorded pid is still the program that was started. A pid file
/// outlives its process, and the kernel reuses pids: a pid that now belongs to another program
/// must never be signalled.
/// </summary>
/// <param name="procRoot">The proc file system's mount point; tests point it at fixture files.</param>
internal sealed class ProcessTable(string procRoot = "/proc")
{
    /// <summary>
    /// True when <paramref name="pid"/> is alive (not a zombie) and runs <paramref name="programName"/>,
    /// directly (argv[0]) or as an app under the dotnet host (<c>dotnet …/fleet-agent.dll</c>).
    /// </summary>
    public bool IsRunning(int pid, string programName)
    {
        string stat;
        byte[] cmdline;
        try
        {
            stat = File.ReadAllText(Path.Combine(procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat"));
            cmdline = File.ReadAllBytes(Path.Combine(procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "cmdline"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // The state follows the command name, which is in parentheses and may itself hold ") ".
        var afterName = stat.LastIndexOf(')');
        if (afterName < 0 || afterName + 2 >= stat.Length || stat[afterName + 2] is 'Z' or 'X' or 'x')
        {
            return false;
        }

        var argv = System.Text.Encoding.UTF8.GetString(cmdline).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return argv.Length > 0 && (Path.GetFileName(argv[0]) == programName
            || (Path.GetFileName(argv[0]) == "dotnet" && argv.Length > 1 && Path.GetFileName(argv[1]) == programName + ".dll"));
    }
}
