using System.Globalization;

namespace Fleet.Jail.Usage;

/// <summary>
/// Reads a jail's network counters from <c>/proc/&lt;pid&gt;/net/dev</c> of a process inside it: that
/// file shows the interfaces of the process's network namespace, so the jail's first process
/// (<see cref="IJail.HostPid"/>) stands for the whole jail. Loopback is left out (traffic within
/// the jail is not network use). Takes the file system root so tests point it at fixtures; reuses
/// its buffers and is not thread-safe.
/// </summary>
public sealed class NetworkUsageReader(string root = "/")
{
    private readonly CounterFiles _files = new();
    private readonly char[] _pid = new char[11];
    private string? _ownNamespace;

    /// <summary>The counters of <paramref name="pid"/>'s network namespace; false when the process is gone.</summary>
    /// <param name="handles">
    /// Keeps the file open between reads (see <see cref="CounterHandles"/>): it then goes on showing
    /// the same namespace, even after the process has ended, until disposed. Null to open it each time.
    /// </param>
    public bool TryRead(int pid, out NetworkCounters counters, CounterHandles? handles = null)
    {
        counters = default;
        if (handles is not null && handles.TryGet(0, out _))
        {
            // Kept open: the path (and so the pid) no longer matters.
            if (!_files.TryRead("net/dev"u8, handles, 0, out var kept))
            {
                return false;
            }

            counters = Parse(kept);
            return true;
        }

        if (!pid.TryFormat(_pid, out var written, provider: CultureInfo.InvariantCulture) ||
            !InNamespaceOfItsOwn(_pid.AsSpan(0, written)) ||
            !_files.SetDirectory(root, "proc", _pid.AsSpan(0, written)) ||
            !_files.TryRead("net/dev"u8, handles, 0, out var content))
        {
            return false;
        }

        counters = Parse(content);
        return true;
    }

    /// <summary>
    /// False while <paramref name="pid"/> still shares this process's network namespace: a jail's first
    /// process exists before it has unshared its own, and its net/dev would show the host's
    /// interfaces (and, kept open, would go on showing them). Checked when the file is opened, not
    /// on every read through kept handles. True when it cannot tell (fixture trees have no ns links).
    /// </summary>
    private bool InNamespaceOfItsOwn(ReadOnlySpan<char> pid)
    {
        var theirs = LinkTarget(Path.Join(root, "proc", pid, "ns/net"));
        if (theirs is null)
        {
            return true;
        }

        _ownNamespace ??= LinkTarget(Path.Join(root, "proc", "self", "ns", "net"));
        return theirs != _ownNamespace;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            // "net:[4026531840]": the namespace's inode.
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// "Inter-|   Receive …" and " face |bytes …" headers, then per interface
    /// "name: rx bytes packets errs drop fifo frame compressed multicast tx bytes packets errs drop …".
    /// </summary>
    internal static NetworkCounters Parse(ReadOnlySpan<byte> content)
    {
        long rxBytes = 0, rxPackets = 0, rxErrors = 0, rxDrops = 0, txBytes = 0, txPackets = 0, txErrors = 0, txDrops = 0;
        Span<long> values = stackalloc long[12];
        while (CounterText.NextLine(ref content, out var line))
        {
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon].Trim((byte)' ');
            if (name.SequenceEqual("lo"u8))
            {
                continue;
            }

            var rest = line[(colon + 1)..];
            var count = 0;
            while (count < values.Length && CounterText.NextWord(ref rest, out var word) && CounterText.TryParseLong(word, out var value))
            {
                values[count++] = value;
            }

            if (count < 12)
            {
                continue;
            }

            rxBytes += values[0];
            rxPackets += values[1];
            rxErrors += values[2];
            rxDrops += values[3];
            txBytes += values[8];
            txPackets += values[9];
            txErrors += values[10];
            txDrops += values[11];
        }

        return new NetworkCounters(rxBytes, txBytes, rxPackets, txPackets, rxErrors, txErrors, rxDrops, txDrops);
    }
}
