using System.Runtime.InteropServices;
using Fleet.Jail.Bundles;

namespace Fleet.Jail.Init;

/// <summary>The last step: find the command inside the jail and start it under the reaper.</summary>
internal static class Exec
{
    /// <summary>
    /// The command's path as execvp would find it on the jail's PATH, or the exit code and reason
    /// when there is none; looked up before privileges are dropped, and checked again by execve.
    /// </summary>
    public static (string? Path, int ExitCode, string? Reason) Resolve(OciProcess process)
    {
        var name = process.Args[0];
        var (path, errno) = Resolve(name, SearchPath(process.Env));
        return path is null ? (null, ExitCodeOf(errno), $"exec \"{name}\": {Interop.Describe(errno)}") : (path, 0, null);
    }

    /// <summary>
    /// Forks the workload and becomes its reaper (<see cref="Reaper"/>); returns only when the
    /// fork failed, with the exit code and the reason.
    /// </summary>
    public static unsafe (int ExitCode, string Reason) Run(string path, OciProcess process, int exitFile, int statusFd)
    {
        // Never freed: this process becomes the reaper, or exits right after.
        var errno = Reaper.SpawnWorkload(path, NullTerminated(process.Args), NullTerminated(process.Env), exitFile, statusFd);
        return (InitExitCode.SetupFailed, $"fork \"{path}\": {Interop.Describe(errno)}");
    }

    /// <summary>
    /// As execvp does: a name with a slash is used as is; otherwise the first executable match on
    /// PATH. A match that is not executable is reported as such when nothing later matches.
    /// </summary>
    private static (string? Path, int Errno) Resolve(string name, string searchPath)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return (name, 0);
        }

        var errno = Interop.Errno.ENOENT;
        foreach (var directory in searchPath.Split(':'))
        {
            var candidate = Path.Combine(directory.Length == 0 ? "." : directory, name);
            if (Interop.Libc.Access(candidate, Interop.Libc.X_OK) == 0 && !Directory.Exists(candidate))
            {
                return (candidate, 0);
            }

            if (Interop.LastErrno == Interop.Errno.EACCES)
            {
                errno = Interop.Errno.EACCES;
            }
        }

        return (null, errno);
    }

    private static string SearchPath(IReadOnlyList<string> environment) =>
        environment.LastOrDefault(entry => entry.StartsWith("PATH=", StringComparison.Ordinal))?["PATH=".Length..]
        ?? BundleConfig.DefaultPath;

    private static int ExitCodeOf(int errno) =>
        errno is Interop.Errno.ENOENT or Interop.Errno.ENOTDIR ? InitExitCode.NotFound : InitExitCode.NotExecutable;

    private static unsafe byte** NullTerminated(IReadOnlyList<string> strings)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(strings.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < strings.Count; i++)
        {
            array[i] = (byte*)Marshal.StringToCoTaskMemUTF8(strings[i]);
        }

        return array;
    }
}
