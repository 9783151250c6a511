using Microsoft.Win32.SafeHandles;

namespace Fleet.Jail;

/// <summary>A started or recovered jail.</summary>
internal sealed class Jail : IJail
{
    private readonly SafeFileHandle _pidfd;
    private readonly JailFootprint _footprint;
    private readonly TimeProvider _time;
    private readonly Action _release;
    private int _released;

    /// <param name="pidfd">Pins the jail's first process for signals; invalid when it is already gone.</param>
    /// <param name="release">Lets go of what observes the jail (its Process, or the poll of a recovered one).</param>
    public Jail(string id, int hostPid, SafeFileHandle pidfd, Task<JailExit> exited, JailFootprint footprint, Action release, TimeProvider time)
    {
        Id = id;
        HostPid = hostPid;
        Exited = exited;
        _pidfd = pidfd;
        _footprint = footprint;
        _release = release;
        _time = time;
    }

    public string Id { get; }

    public int HostPid { get; }

    public Task<JailExit> Exited { get; }

    public async Task<JailExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (Exited.IsCompleted)
        {
            return await Exited;
        }

        // Once released, nothing here can see the end any more: Recover gives a new handle.
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _released) == 1, this);

        // PID 1 is the jail's reaper: it forwards SIGTERM to the workload, which dies of it unless
        // it handles it; the SIGKILL after the grace period takes PID 1 and the whole namespace.
        Signal(Interop.Libc.SIGTERM);
        try
        {
            return await Exited.WaitAsync(grace, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }

        Signal(Interop.Libc.SIGKILL);
        return await Exited.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// After the jail has exited: removes its cgroup and bundle directory. While it still runs:
    /// only lets go of it, leaving everything for <see cref="IJailRuntime.Recover"/> (an agent that
    /// shuts down must not take its workloads with it).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        // Sampled before the release, which cancels a recovered jail's poll.
        var exited = Exited.IsCompletedSuccessfully;
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _release();
            _pidfd.Dispose();
        }

        if (exited)
        {
            await _footprint.RemoveAsync(_time, CancellationToken.None);
        }
    }

    private void Signal(int signal)
    {
        if (_pidfd.IsInvalid || _pidfd.IsClosed)
        {
            return;
        }

        if (Interop.Libc.PidfdSendSignal(_pidfd, signal) == -1 && Interop.LastErrno != Interop.Errno.ESRCH)
        {
            throw new JailException(Interop.FormatError("pidfd_send_signal", $"jail {Id} pid {HostPid}", Interop.LastErrno)) { Errno = Interop.LastErrno };
        }
    }
}
