using System.Globalization;

namespace Fleet.Domain;

/// <summary>
/// Parses and formats resource quantities the way Kubernetes writes them: memory as bytes with
/// an optional binary (Ki, Mi, Gi, Ti) or decimal (k, M, G, T) suffix, CPU as cores ("0.5") or
/// millicores ("500m").
/// </summary>
public static class Quantity
{
    private static readonly (string Suffix, long Factor)[] MemorySuffixes =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40),
        ("k", 1_000L), ("K", 1_000L), ("M", 1_000_000L), ("G", 1_000_000_000L), ("T", 1_000_000_000_000L),
        ("B", 1L),
    ];

    /// <summary>Parses "64Mi", "1G", "1048576" into bytes. Fractions are allowed ("1.5Gi").</summary>
    public static bool TryParseMemory(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var number = text.Trim();
        long factor = 1;
        foreach (var (suffix, value) in MemorySuffixes)
        {
            if (number.EndsWith(suffix, StringComparison.Ordinal))
            {
                number = number[..^suffix.Length];
                factor = value;
                break;
            }
        }

        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        try
        {
            bytes = (long)decimal.Round(amount * factor, MidpointRounding.AwayFromZero);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses "0.5", "2" (cores) or "500m" (millicores) into millicores.</summary>
    public static bool TryParseCpu(string? text, out long millis)
    {
        millis = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var number = text.Trim();
        decimal factor = 1000;
        if (number.EndsWith('m'))
        {
            number = number[..^1];
            factor = 1;
        }

        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        try
        {
            millis = (long)decimal.Round(amount * factor, MidpointRounding.AwayFromZero);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// Formats bytes for people: exactly with the largest of Ti, Gi, Mi that divides them
    /// (67108864 → "64Mi"), else to one decimal in Gi or Mi (a host's 24683620Ki → "23.5Gi"),
    /// else exactly in Ki or bytes.
    /// </summary>
    public static string FormatMemory(long bytes)
    {
        const long Ki = 1L << 10, Mi = 1L << 20, Gi = 1L << 30, Ti = 1L << 40;
        foreach (var (factor, suffix) in new[] { (Ti, "Ti"), (Gi, "Gi"), (Mi, "Mi") })
        {
            if (bytes != 0 && bytes % factor == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{bytes / factor}{suffix}");
            }
        }

        if (Math.Abs(bytes) >= Gi)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Gi:0.#}Gi");
        }

        if (Math.Abs(bytes) >= Mi)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Mi:0.#}Mi");
        }

        return bytes != 0 && bytes % Ki == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / Ki}Ki")
            : bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Formats millicores as cores: 500 → "0.5", 2000 → "2".</summary>
    public static string FormatCpu(long millis) =>
        (millis / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
}
