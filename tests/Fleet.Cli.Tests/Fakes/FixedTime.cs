namespace Fleet.Cli.Tests.Fakes;

/// <summary>A clock stopped at one instant, so ages print the same on every run; timers still run in real time.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
