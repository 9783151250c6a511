using System.Globalization;

namespace Fleet.Grains.Workloads;

/// <summary>
/// Where a listing page ended: the creation time and id of its last workload. Opaque to callers;
/// a page that starts after it is stable even while new workloads arrive at the front.
/// </summary>
internal static class PageToken
{
    public static string Format(WorkloadIndexEntry last) =>
        string.Create(CultureInfo.InvariantCulture, $"{last.CreatedAt.UtcTicks}.{last.Id}");

    /// <summary>A probe entry that sorts exactly where the token's workload does.</summary>
    public static WorkloadIndexEntry Parse(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || dot == token.Length - 1)
        {
            throw new ArgumentException($"page token \"{token}\" is not one this server handed out", nameof(token));
        }

        return new WorkloadIndexEntry(token[(dot + 1)..], string.Empty, WorkloadPhase.Pending, new DateTimeOffset(ticks, TimeSpan.Zero), false, 0);
    }
}
