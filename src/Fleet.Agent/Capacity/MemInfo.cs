using System.Globalization;

namespace Fleet.Agent.Capacity;

/// <summary>Reads <c>/proc/meminfo</c>. Takes the file system root so tests can point it at fixtures.</summary>
internal static class MemInfo
{
    /// <summary>MemTotal in bytes, or null when the file or the line is missing or malformed.</summary>
    public static long? ReadTotalBytes(string root)
    {
        var path = Path.Combine(root, "proc", "meminfo");
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                return ParseKilobytes(line["MemTotal:".Length..]);
            }
        }

        return null;
    }

    // The kernel always writes "<number> kB"; the unit is KiB despite its spelling.
    private static long? ParseKilobytes(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || (parts.Length == 2 && parts[1] != "kB"))
        {
            return null;
        }

        return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) && kib > 0 && kib <= long.MaxValue / 1024
            ? kib * 1024
            : null;
    }
}
