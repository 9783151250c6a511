using System.Text;

namespace Fleet.Jail.Usage;

/// <summary>
/// Reads small kernel text files (cgroup and /proc counters) into one reused buffer, composing each
/// path in another: a sample opens, reads and closes each file without allocating. One instance
/// serves one reader at a time; it is not thread-safe.
/// </summary>
internal sealed class CounterFiles
{
    private const int MaxPath = 4096;

    private readonly byte[] _path = new byte[MaxPath];
    private byte[] _buffer = new byte[16 * 1024];
    private int _directoryLength;

    /// <summary>Makes <c>root/part1/part2/…</c> the directory later reads are relative to; false when it does not fit a path.</summary>
    public bool SetDirectory(string root, ReadOnlySpan<char> part1, ReadOnlySpan<char> part2 = default)
    {
        var span = _path.AsSpan();
        var length = 0;
        if (!Append(span, ref length, root) || !AppendPart(span, ref length, part1) || !AppendPart(span, ref length, part2))
        {
            return false;
        }

        _directoryLength = length;
        return true;
    }

    /// <summary>Reads <paramref name="fileName"/> in the current directory; false when it does not exist or cannot be read.</summary>
    public bool TryRead(ReadOnlySpan<byte> fileName, out ReadOnlySpan<byte> content) => TryRead(fileName, null, 0, out content);

    /// <summary>
    /// Reads <paramref name="fileName"/> in the current directory through slot <paramref name="slot"/> of
    /// <paramref name="handles"/>: opened on the first read and kept, a file found missing is not looked
    /// for again. Without handles, opens, reads and closes.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> fileName, CounterHandles? handles, int slot, out ReadOnlySpan<byte> content)
    {
        content = default;
        if (handles is not null)
        {
            if (handles.TryGet(slot, out var kept))
            {
                return ReadAll(kept, out content);
            }

            if (handles.IsKnownMissing(slot))
            {
                return false;
            }
        }

        var fd = Open(fileName);
        if (handles is not null)
        {
            handles.Set(slot, fd);
            return fd >= 0 && ReadAll(fd, out content);
        }

        if (fd < 0)
        {
            return false;
        }

        try
        {
            return ReadAll(fd, out content);
        }
        finally
        {
            _ = Interop.Libc.Close(fd);
        }
    }

    private unsafe int Open(ReadOnlySpan<byte> fileName)
    {
        var length = _directoryLength;
        if (length + 1 + fileName.Length + 1 > MaxPath)
        {
            return -1;
        }

        _path[length++] = (byte)'/';
        fileName.CopyTo(_path.AsSpan(length));
        length += fileName.Length;
        _path[length] = 0;

        int fd;
        fixed (byte* path = _path)
        {
            do
            {
                fd = Interop.Libc.OpenPath(path, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC, 0);
            }
            while (fd == -1 && Interop.LastErrno == Interop.Errno.EINTR);
        }

        return fd;
    }

    /// <summary>The whole file from offset 0: kernel text files are generated anew by each read from the start.</summary>
    private unsafe bool ReadAll(int fd, out ReadOnlySpan<byte> content)
    {
        content = default;
        var total = 0;
        while (true)
        {
            if (total == _buffer.Length && total > 0)
            {
                // A file larger than any seen so far (io.stat of a host with many disks): grow once, keep it.
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            nint read;
            fixed (byte* buffer = _buffer)
            {
                read = Interop.Libc.Pread(fd, buffer + total, (nuint)(_buffer.Length - total), total);
            }

            if (read == -1)
            {
                if (Interop.LastErrno == Interop.Errno.EINTR)
                {
                    continue;
                }

                // ENODEV: the cgroup was removed under an open file.
                return false;
            }

            total += (int)read;

            // Kernel text files (seq_file, kernfs) hand over everything that fits in one read: a short
            // read is the end, and the extra read that would return 0 would double the cost of a sample.
            if (total < _buffer.Length)
            {
                break;
            }
        }

        content = _buffer.AsSpan(0, total);
        return true;
    }

    private static bool AppendPart(Span<byte> span, ref int length, ReadOnlySpan<char> part)
    {
        part = part.Trim('/');
        if (part.IsEmpty)
        {
            return true;
        }

        if (length >= span.Length)
        {
            return false;
        }

        if (length == 0 || span[length - 1] != (byte)'/')
        {
            span[length++] = (byte)'/';
        }

        return Append(span, ref length, part);
    }

    private static bool Append(Span<byte> span, ref int length, ReadOnlySpan<char> text)
    {
        // Leaves room for "/", a file name and the NUL.
        if (Encoding.UTF8.GetByteCount(text) > span.Length - length - 256)
        {
            return false;
        }

        length += Encoding.UTF8.GetBytes(text, span[length..]);
        return true;
    }
}
