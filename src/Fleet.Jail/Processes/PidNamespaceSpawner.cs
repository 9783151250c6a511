using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Fleet.Jail.Processes;

/// <summary>
/// Starts processes as PID 1 of new PID namespaces from one dedicated thread.
/// </summary>
/// <remarks>
/// .NET must not run managed code in a forked child, and clone(2) through P/Invoke returns into
/// managed code. So the thread unshares CLONE_NEWPID (which moves only its future children) and
/// calls <see cref="Process.Start(ProcessStartInfo)"/>: glibc's vfork+execve runs no managed code
/// in the child, and the child is PID 1 of the new namespace. The thread is then odd — the kernel
/// refuses new threads from it and a second start fails once that PID 1 is gone — so it goes
/// straight back to the host PID namespace with setns. Requests are serialized through a queue
/// because that dance belongs to this one thread.
/// </remarks>
internal sealed class PidNamespaceSpawner : IDisposable
{
    private readonly BlockingCollection<Request> _requests = [];
    private readonly SafeFileHandle _hostPidNamespace;
    private readonly Thread _thread;
    private string? _broken;

    public PidNamespaceSpawner()
    {
        _hostPidNamespace = File.OpenHandle("/proc/self/ns/pid");
        _thread = new Thread(Run) { IsBackground = true, Name = "fleet-jail-spawner" };
        _thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="startInfo"/> once on the calling (ordinary) thread and waits for it: the
    /// first Process.Start of a .NET process sets up SIGCHLD handling and starts a thread, which
    /// must not happen on the spawner thread while it is in a new PID namespace.
    /// </summary>
    public static void WarmUp(ProcessStartInfo startInfo)
    {
        using var process = Process.Start(startInfo) ?? throw new JailException($"start {startInfo.FileName}: no process");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new JailException($"start {startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)}: exit code {process.ExitCode}");
        }
    }

    /// <summary>Starts <paramref name="startInfo"/> as PID 1 of a new PID namespace.</summary>
    public Task<Process> SpawnAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        var request = new Request(startInfo, cancellationToken);
        try
        {
            _requests.Add(request, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(PidNamespaceSpawner));
        }

        return request.Completion.Task;
    }

    public void Dispose()
    {
        _requests.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _hostPidNamespace.Dispose();
    }

    private void Run()
    {
        foreach (var request in _requests.GetConsumingEnumerable())
        {
            if (request.CancellationToken.IsCancellationRequested)
            {
                request.Completion.TrySetCanceled(request.CancellationToken);
                continue;
            }

            try
            {
                request.Completion.TrySetResult(Spawn(request.StartInfo));
            }
            catch (Exception e)
            {
                request.Completion.TrySetException(e);
            }
        }
    }

    private Process Spawn(ProcessStartInfo startInfo)
    {
        if (_broken is not null)
        {
            throw new JailException($"jail spawner unusable since: {_broken}");
        }

        Interop.CheckIo(Interop.Libc.Unshare(Interop.Libc.CLONE_NEWPID), "unshare", "CLONE_NEWPID");
        try
        {
            return Process.Start(startInfo) ?? throw new JailException($"start {startInfo.FileName}: no process");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new JailException($"start {startInfo.FileName}: {e.Message}", e) { Errno = e.NativeErrorCode };
        }
        finally
        {
            // Back to the host PID namespace before anything else runs on this thread.
            if (Interop.Libc.Setns(_hostPidNamespace, Interop.Libc.CLONE_NEWPID) == -1)
            {
                _broken = Interop.FormatError("setns", "/proc/self/ns/pid", Interop.LastErrno);
            }
        }
    }

    private sealed record Request(ProcessStartInfo StartInfo, CancellationToken CancellationToken)
    {
        // Continuations run on the thread pool, never inline on the spawner thread.
        public TaskCompletionSource<Process> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
