namespace Fleet.Jail.Usage;

/// <summary>
/// The counter files of one cgroup (or one jail's /proc/PID/net/dev), kept open between samples:
/// reading a kept file is one pread(2), where open+read+close costs three syscalls and a path walk
/// (about 12 µs a file on this project's machines, against about 2 µs). Pass the same instance to
/// every read of the same cgroup or process; dispose it when the workload is done. A kept
/// /proc/PID/net/dev also keeps the jail's network namespace readable after its last process ended,
/// until disposed: the final accounting reads it then. Not thread-safe.
/// </summary>
public sealed class CounterHandles : IDisposable
{
    private const int NotOpened = -2;
    private const int Missing = -1;

    private readonly int[] _fds;

    public CounterHandles()
    {
        _fds = new int[Slots];
        Array.Fill(_fds, NotOpened);
    }

    /// <summary>More than any reader uses: v1 has the most files, 15.</summary>
    internal const int Slots = 16;

    internal bool IsKnownMissing(int slot) => _fds[slot] == Missing;

    internal bool TryGet(int slot, out int fd)
    {
        fd = _fds[slot];
        return fd >= 0;
    }

    internal void Set(int slot, int fd) => _fds[slot] = fd < 0 ? Missing : fd;

    /// <summary>Closes every kept file; the next read opens them again (a cgroup that was not there yet may be now).</summary>
    public void Reset()
    {
        for (var i = 0; i < _fds.Length; i++)
        {
            if (_fds[i] >= 0)
            {
                _ = Interop.Libc.Close(_fds[i]);
            }

            _fds[i] = NotOpened;
        }
    }

    public void Dispose() => Reset();
}
