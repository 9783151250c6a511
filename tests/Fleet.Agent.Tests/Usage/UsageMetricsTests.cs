using System.Diagnostics.Metrics;
using Fleet.Agent.Connection;
using Fleet.Agent.Tests.Fakes;
using Fleet.Agent.Usage;
using Fleet.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Agent.Tests.Usage;

/// <summary>The instruments the Prometheus exporter turns into cAdvisor's names (checked on a live /metrics scrape too; see the Usage README).</summary>
public sealed class UsageMetricsTests : IDisposable
{
    private readonly CgroupTree _tree = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<(string Name, string? Unit, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public void Dispose()
    {
        _services.Dispose();
        _tree.Dispose();
    }

    [Fact]
    public void Every_workload_series_carries_workload_node_and_tenant_and_the_node_series_its_node()
    {
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        var time = new ManualTime();
        using var sampler = new WorkloadUsageSampler(
            new UsageSources(_tree.CgroupRoot, _tree.ProcRoot),
            new NodeDescription("node-a", "127.0.0.1:7410", new Resources { CpuMillis = 2000, MemoryBytes = 4L << 30 }),
            Microsoft.Extensions.Options.Options.Create(new AgentOptions()),
            time,
            NullLogger<WorkloadUsageSampler>.Instance);
        _ = new UsageMetrics(meterFactory, sampler);
        _tree.Set("w-1", cpuMicros: 1_500_000, memoryBytes: 10L << 20, throttledPeriods: 4, oomKills: 1);
        _tree.SetNetwork(4242, receiveBytes: 100, transmitBytes: 200);
        sampler.Track("w-1", "web", new FakeJail("w-1", 4242), 500, 64L << 20);
        sampler.SampleAll();

        Collect(meterFactory);

        var cpu = Single("container_cpu_usage_seconds_total");
        Assert.Equal(1.5, cpu.Value, 9);
        Assert.Equal("s", cpu.Unit);
        Assert.Equal("w-1", cpu.Tags["workload"]);
        Assert.Equal("web", cpu.Tags["workload_name"]);
        Assert.Equal("node-a", cpu.Tags["node"]);
        Assert.Equal("default", cpu.Tags["tenant"]);
        Assert.Equal(10L << 20, Single("container_memory_working_set_bytes").Value);
        // No unit, so the exporter does not make it container_memory_rss_bytes.
        Assert.Null(Single("container_memory_rss").Unit);
        Assert.Equal(4, Single("container_cpu_cfs_throttled_periods_total").Value);
        Assert.Equal(1, Single("container_oom_events_total").Value);
        Assert.Equal(100, Single("container_network_receive_bytes_total").Value);
        Assert.Equal(64L << 20, Single("container_spec_memory_limit_bytes").Value);
        var allocatable = Single("fleet_node_cpu_allocatable_cores");
        Assert.Equal(2, allocatable.Value);
        Assert.Equal("node-a", allocatable.Tags["node"]);
    }

    private (string Name, string? Unit, double Value, Dictionary<string, object?> Tags) Single(string name) =>
        Assert.Single(_measurements, m => m.Name == name);

    private void Collect(IMeterFactory meterFactory)
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == UsageMetrics.MeterName && instrument.Meter.Scope == meterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            _measurements.Add((instrument.Name, instrument.Unit, value, map));
        });
        listener.Start();
        listener.RecordObservableInstruments();
    }
}
