namespace Fleet.Grains.Tests;

/// <summary>
/// A clock that moves only when a test says so. Only "now" is faked: timers and delays still run
/// on real time, so long polls end on their own while liveness is decided by the test.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _utcTicks = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
