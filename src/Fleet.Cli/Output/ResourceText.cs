using System.Globalization;
using Fleet.Contracts.V1;
using Fleet.Domain;

namespace Fleet.Cli.Output;

/// <summary>Resources as the tables print them: "cpu/memory" in cores and binary units, e.g. "0.5/64Mi", "2/7.8Gi".</summary>
internal static class ResourceText
{
    public static string Of(Resources? resources) =>
        resources is null ? "-" : $"{Quantity.FormatCpu(resources.CpuMillis)}/{Memory(resources.MemoryBytes)}";

    /// <summary>
    /// Exact when a binary unit divides the amount ("64Mi"); otherwise rounded to one decimal in the
    /// largest unit it fills (a host's 8,233,000,000 bytes read "7.7Gi", not "7851.6Mi").
    /// </summary>
    public static string Memory(long bytes)
    {
        string[] units = ["Ti", "Gi", "Mi", "Ki"];
        for (var i = 0; i < units.Length; i++)
        {
            var factor = 1L << (10 * (units.Length - i));
            if (bytes != 0 && bytes % factor == 0)
            {
                return Quantity.FormatMemory(bytes);
            }

            if (Math.Abs(bytes) >= factor)
            {
                return (bytes / (double)factor).ToString("0.#", CultureInfo.InvariantCulture) + units[i];
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }
}
