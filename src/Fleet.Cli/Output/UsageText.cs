using System.Globalization;

namespace Fleet.Cli.Output;

/// <summary>Usage numbers as the tables and <c>fleet get</c> print them.</summary>
internal static class UsageText
{
    /// <summary>Cores with two decimals: "0.50".</summary>
    public static string Cores(double cores) => cores.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>One decimal and a percent sign, docker stats' way: "49.9%"; "-" without a whole to compare with.</summary>
    public static string Percent(double part, double whole) =>
        whole > 0 ? (100 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>Bytes in binary units: "0", "512", "1.5Ki", "64Mi".</summary>
    public static string Bytes(long bytes) => bytes == 0 ? "0" : ResourceText.Memory(bytes);

    /// <summary>CPU time from nanoseconds: "0.123s", "2m3.4s", "1h2m3s".</summary>
    public static string CpuTime(long nanos)
    {
        var time = TimeSpan.FromTicks(nanos / 100);
        if (time.TotalMinutes < 1)
        {
            return time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        }

        if (time.TotalHours < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalMinutes}m{time.Seconds + (time.Milliseconds / 1000.0):0.#}s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalHours}h{time.Minutes}m{time.Seconds}s");
    }

    public static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);
}
