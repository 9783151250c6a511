using System.Buffers.Text;

namespace Fleet.Jail.Usage;

/// <summary>
/// Parsers for the kernel's counter formats, over bytes: a single value ("12345\n"), flat keyed
/// lines ("key 123\n"), nested keyed lines ("some avg10=0.00 … total=12"). Nothing allocates.
/// </summary>
internal static class CounterText
{
    /// <summary>The one number a file holds ("12345\n"); false for "max" or anything else.</summary>
    public static bool TryParseSingle(ReadOnlySpan<byte> content, out long value) =>
        TryParseLong(content.Trim((byte)'\n').Trim((byte)' '), out value);

    public static bool TryParseLong(ReadOnlySpan<byte> text, out long value) =>
        Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;

    /// <summary>The value of the line "<paramref name="key"/> N" in a flat keyed file.</summary>
    public static bool TryFind(ReadOnlySpan<byte> content, ReadOnlySpan<byte> key, out long value)
    {
        while (!content.IsEmpty)
        {
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? default : content[(end + 1)..];
            if (line.Length > key.Length && line[key.Length] == (byte)' ' && line.StartsWith(key))
            {
                return TryParseLong(line[(key.Length + 1)..].Trim((byte)' '), out value);
            }
        }

        value = 0;
        return false;
    }

    /// <summary>Splits off the first line of <paramref name="content"/>; false when nothing is left.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> content, out ReadOnlySpan<byte> line)
    {
        if (content.IsEmpty)
        {
            line = default;
            return false;
        }

        var end = content.IndexOf((byte)'\n');
        line = end < 0 ? content : content[..end];
        content = end < 0 ? default : content[(end + 1)..];
        return true;
    }

    /// <summary>Splits off the next space-separated word of <paramref name="line"/>; false when nothing is left.</summary>
    public static bool NextWord(ref ReadOnlySpan<byte> line, out ReadOnlySpan<byte> word)
    {
        line = line.TrimStart((byte)' ');
        if (line.IsEmpty)
        {
            word = default;
            return false;
        }

        var end = line.IndexOf((byte)' ');
        word = end < 0 ? line : line[..end];
        line = end < 0 ? default : line[end..];
        return true;
    }

    /// <summary>A PSI file: "some avg10=… avg60=… avg300=… total=…" and, but for CPU on old kernels, the same for "full".</summary>
    public static bool TryParsePressure(ReadOnlySpan<byte> content, out PressureStall pressure)
    {
        double someAvg10 = 0, fullAvg10 = 0;
        long someTotal = 0, fullTotal = 0;
        var found = false;
        while (NextLine(ref content, out var line))
        {
            if (!NextWord(ref line, out var kind))
            {
                continue;
            }

            var some = kind.SequenceEqual("some"u8);
            if (!some && !kind.SequenceEqual("full"u8))
            {
                continue;
            }

            while (NextWord(ref line, out var pair))
            {
                var equals = pair.IndexOf((byte)'=');
                if (equals < 0)
                {
                    continue;
                }

                var name = pair[..equals];
                var text = pair[(equals + 1)..];
                if (name.SequenceEqual("avg10"u8) && Utf8Parser.TryParse(text, out double avg, out _))
                {
                    if (some)
                    {
                        someAvg10 = avg;
                    }
                    else
                    {
                        fullAvg10 = avg;
                    }
                }
                else if (name.SequenceEqual("total"u8) && TryParseLong(text, out var total))
                {
                    found = true;
                    if (some)
                    {
                        someTotal = total;
                    }
                    else
                    {
                        fullTotal = total;
                    }
                }
            }
        }

        pressure = new PressureStall(someAvg10, fullAvg10, someTotal, fullTotal);
        return found;
    }
}
