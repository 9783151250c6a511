using System.Globalization;

namespace Fleet.Jail.Processes;

/// <summary>The two fields of /proc/PID/stat the runtime needs; the proc root is a parameter for tests.</summary>
/// <param name="State">Field 3: R, S, D, Z (zombie), X (dead), …</param>
/// <param name="StartTime">Field 22: clock ticks after boot. A reused PID has another start time.</param>
internal sealed record ProcessStat(char State, ulong StartTime)
{
    public const string DefaultProcRoot = "/proc";

    public bool IsGone => State is 'Z' or 'X';

    /// <summary>Reads /proc/PID/stat, or null when no such process exists.</summary>
    public static ProcessStat? Read(int pid, string procRoot = DefaultProcRoot)
    {
        try
        {
            return Parse(File.ReadAllText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat")));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The command name (field 2) is in parentheses and may itself hold spaces and ')', so fields
    /// are counted from the last ')'.
    /// </summary>
    public static ProcessStat? Parse(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // After ") " come fields 3, 4, …: the state is the 1st of those, the start time the 20th.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 20 && fields[0].Length == 1
            && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new ProcessStat(fields[0][0], ticks)
            : null;
    }

    /// <summary>True while <paramref name="pid"/> is alive and is the process that started at <paramref name="startTime"/>.</summary>
    public static bool IsAlive(int pid, ulong startTime, string procRoot = DefaultProcRoot) =>
        Read(pid, procRoot) is { IsGone: false } stat && stat.StartTime == startTime;
}
