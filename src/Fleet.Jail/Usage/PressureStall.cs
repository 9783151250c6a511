namespace Fleet.Jail.Usage;

/// <summary>One resource's pressure stall information, as a cgroup's <c>cpu.pressure</c>, <c>memory.pressure</c> or <c>io.pressure</c> reads.</summary>
/// <param name="SomeAvg10">Percentage of the last 10 s in which at least one task stalled on the resource.</param>
/// <param name="FullAvg10">Percentage of the last 10 s in which all non-idle tasks stalled at once.</param>
/// <param name="SomeTotalMicros">Total "some" stall time, microseconds.</param>
/// <param name="FullTotalMicros">Total "full" stall time, microseconds.</param>
public readonly record struct PressureStall(double SomeAvg10, double FullAvg10, long SomeTotalMicros, long FullTotalMicros);
