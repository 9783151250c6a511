using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fleet.Jail.Init;

/// <summary>
/// Optional timings of the init's steps ("step microseconds" per line) for the benchmark's
/// per-step breakdown; written to the bundle's init-trace file just before execve. Off unless the
/// bundle asks for it, and then nothing but a timestamp per step.
/// </summary>
internal sealed class InitTrace
{
    public const string FileName = "init-trace";

    private readonly int _fd;
    private readonly List<(string Step, long Timestamp)> _steps = [];
    private long _last = Stopwatch.GetTimestamp();

    private InitTrace(int fd)
    {
        _fd = fd;
    }

    /// <summary>A trace that records nothing.</summary>
    public static InitTrace Off { get; } = new(-1);

    /// <summary>Opened before the pivot, while the bundle (a host path) is reachable.</summary>
    public static InitTrace Open(string path) =>
        new(Interop.CheckIo(
            Interop.Libc.Open(path, Interop.Libc.O_WRONLY | Interop.Libc.O_CREAT | Interop.Libc.O_TRUNC | Interop.Libc.O_CLOEXEC, 0b110_100_100),
            "open", path));

    /// <summary>Marks the end of <paramref name="step"/>, which began at the previous mark.</summary>
    public void Step(string step)
    {
        if (_fd >= 0)
        {
            var now = Stopwatch.GetTimestamp();
            _steps.Add((step, now - _last));
            _last = now;
        }
    }

    public void Write()
    {
        if (_fd < 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var (step, ticks) in _steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"{step} {ticks * 1_000_000 / Stopwatch.Frequency}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        _ = Interop.Libc.Write(_fd, bytes, (nuint)bytes.Length);
    }
}
