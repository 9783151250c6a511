namespace Fleet.Jail.Usage;

/// <summary>Network counters of one network namespace, summed over its interfaces but loopback. Cumulative since each interface appeared.</summary>
public readonly record struct NetworkCounters(
    long ReceiveBytes,
    long TransmitBytes,
    long ReceivePackets,
    long TransmitPackets,
    long ReceiveErrors,
    long TransmitErrors,
    long ReceiveDrops,
    long TransmitDrops);
