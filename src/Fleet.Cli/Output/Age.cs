using System.Globalization;

namespace Fleet.Cli.Output;

/// <summary>How long ago something happened, in one unit as <c>kubectl</c> and <c>docker ps</c> write it: 5s, 3m, 2h, 4d.</summary>
internal static class Age
{
    public static string Format(TimeSpan elapsed)
    {
        // A clock a little ahead of ours must not print "-1s".
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        var (amount, unit) = elapsed switch
        {
            { TotalMinutes: < 1 } => (elapsed.TotalSeconds, "s"),
            { TotalHours: < 1 } => (elapsed.TotalMinutes, "m"),
            { TotalDays: < 1 } => (elapsed.TotalHours, "h"),
            _ => (elapsed.TotalDays, "d"),
        };
        return ((long)Math.Floor(amount)).ToString(CultureInfo.InvariantCulture) + unit;
    }

    /// <summary>The age of <paramref name="at"/> as seen from <paramref name="now"/>; "-" when it was never set.</summary>
    public static string Since(Google.Protobuf.WellKnownTypes.Timestamp? at, DateTimeOffset now) =>
        at is null ? "-" : Format(now - at.ToDateTimeOffset());
}
