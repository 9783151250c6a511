using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.Cli.Tests.Usage;

internal static class UsageSamples
{
    public static WorkloadUsage Workload(string id, string name, double cores, long workingSet, long limit = 64L << 20) => new()
    {
        WorkloadId = id,
        Name = name,
        NodeId = "node-a",
        At = Timestamp.FromDateTimeOffset(InProcessCli.Now.AddSeconds(-1)),
        Cpu = new CpuUsage { Cores = cores, UsageNanos = 12_500_000_000, UserNanos = 10_000_000_000, SystemNanos = 2_500_000_000, Periods = 200, ThrottledPeriods = 50, ThrottledNanos = 1_500_000_000, LimitMillis = 500 },
        Memory = new MemoryUsage { UsageBytes = workingSet + (1L << 20), WorkingSetBytes = workingSet, RssBytes = workingSet, CacheBytes = 1L << 20, PeakBytes = workingSet * 2, LimitBytes = limit },
        Pids = new PidsUsage { Current = 3 },
        Io = new IoUsage { ReadBytes = 4096, WriteBytes = 1L << 20, ReadOps = 1, WriteOps = 256 },
        Network = new NetworkUsage { ReceiveBytes = 1536, TransmitBytes = 512, ReceivePackets = 3, TransmitPackets = 2 },
    };
}
