using System.Globalization;

namespace Fleet.Jail.Bundles;

/// <summary>
/// The workload's end as the jail's reaper recorded it in the bundle's exit file (Native/reaper.c
/// in Fleet.Jail.Init): "exited CODE UNIX_MS" or "signaled SIGNAL UNIX_MS", fsync'd before PID 1
/// exits, so it outlives the agent that started the jail.
/// </summary>
/// <param name="Code">The exit code; null when a signal ended it.</param>
/// <param name="Signal">The signal that ended it; null when it exited.</param>
/// <param name="At">When the reaper collected it.</param>
internal sealed record WorkloadEnd(int? Code, int? Signal, DateTimeOffset At)
{
    /// <summary>As shells report it: the code, or 128 + the signal.</summary>
    public int ExitCode => Signal is { } signal ? 128 + signal : Code ?? 0;

    /// <summary>The parsed line; null for an empty or malformed file (a reaper killed before it wrote).</summary>
    public static WorkloadEnd? Parse(string text)
    {
        var parts = text.Trim().Split(' ');
        if (parts.Length != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return null;
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return parts[0] switch
        {
            "exited" => new WorkloadEnd(value, null, at),
            "signaled" => new WorkloadEnd(null, value, at),
            _ => null,
        };
    }
}
