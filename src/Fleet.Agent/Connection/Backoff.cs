namespace Fleet.Agent.Connection;

/// <summary>
/// Exponential back-off with jitter for reconnecting: starts at <paramref name="initial"/>, doubles up
/// to <paramref name="maximum"/>, and varies each delay by up to a fifth so that many agents cut
/// off together do not all return in the same instant.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan maximum)
{
    private readonly TimeSpan _initial = initial;
    private TimeSpan _next = initial;

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(maximum.Ticks, _next.Ticks * 2));
#pragma warning disable CA5394 // Jitter, not security: a predictable generator is fine.
        var jitter = 1 + ((Random.Shared.NextDouble() - 0.5) * 0.4);
#pragma warning restore CA5394
        return delay * jitter;
    }

    public void Reset() => _next = _initial;
}
