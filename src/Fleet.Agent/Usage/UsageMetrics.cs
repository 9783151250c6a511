using System.Diagnostics.Metrics;
using Fleet.Jail.Usage;

namespace Fleet.Agent.Usage;

/// <summary>
/// Every workload's and the node's usage as OpenTelemetry instruments on the meter <c>Fleet.Usage</c>,
/// read from the sampler's latest round at each collection. Workload instruments are named after
/// cAdvisor's <c>container_*</c> metrics, so that existing dashboards and alerts work; the names
/// already carry the unit and <c>_total</c>, and the units are chosen so that the Prometheus
/// exporter adds no second suffix (it appends a unit only when the name lacks it, and drops
/// <c>{…}</c> annotations). Attributes: <c>workload</c> (id), <c>workload_name</c>, <c>node</c>, <c>tenant</c>.
/// </summary>
internal sealed class UsageMetrics
{
    public const string MeterName = "Fleet.Usage";

    /// <summary>There are no namespaces yet: every workload belongs to this tenant.</summary>
    public const string DefaultTenant = "default";

    private const double NanosPerSecond = 1e9;
    private const double MicrosPerSecond = 1e6;

    private readonly WorkloadUsageSampler _sampler;

    public UsageMetrics(IMeterFactory meterFactory, WorkloadUsageSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _sampler = sampler;
        var meter = meterFactory.Create(MeterName);

        Counter(meter, "container_cpu_usage_seconds_total", "s", "Cumulative CPU time consumed.", CgroupUsageFields.Cpu, u => u.CpuUsageNanos / NanosPerSecond);
        Counter(meter, "container_cpu_user_seconds_total", "s", "Cumulative user CPU time consumed.", CgroupUsageFields.Cpu, u => u.CpuUserNanos / NanosPerSecond);
        Counter(meter, "container_cpu_system_seconds_total", "s", "Cumulative system CPU time consumed.", CgroupUsageFields.Cpu, u => u.CpuSystemNanos / NanosPerSecond);
        Counter(meter, "container_cpu_cfs_periods_total", "{period}", "Elapsed CFS enforcement periods.", CgroupUsageFields.CpuThrottling, u => u.CpuPeriods);
        Counter(meter, "container_cpu_cfs_throttled_periods_total", "{period}", "CFS periods in which the quota ran out.", CgroupUsageFields.CpuThrottling, u => u.CpuThrottledPeriods);
        Counter(meter, "container_cpu_cfs_throttled_seconds_total", "s", "Total time the workload was throttled.", CgroupUsageFields.CpuThrottling, u => u.CpuThrottledNanos / NanosPerSecond);

        Gauge(meter, "container_memory_usage_bytes", "By", "Current memory usage, page cache included.", CgroupUsageFields.Memory, u => u.MemoryUsageBytes);
        Gauge(meter, "container_memory_working_set_bytes", "By", "Current working set: usage minus inactive file pages.", CgroupUsageFields.Memory, u => u.MemoryWorkingSetBytes);
        Gauge(meter, "container_memory_rss", null, "Anonymous memory (RSS), in bytes.", CgroupUsageFields.Memory, u => u.MemoryRssBytes);
        Gauge(meter, "container_memory_cache", null, "Page cache, in bytes.", CgroupUsageFields.Memory, u => u.MemoryCacheBytes);
        Gauge(meter, "container_memory_swap", null, "Swap usage, in bytes.", CgroupUsageFields.MemorySwap, u => u.MemorySwapBytes);
        meter.CreateObservableGauge("container_memory_max_usage_bytes", () => Workloads(static w => w.PeakMemoryBytes), "By", "Highest memory usage since the workload started.");
        meter.CreateObservableGauge("container_spec_memory_limit_bytes", () => Workloads(static w => w.MemoryLimitBytes), "By", "The workload's memory limit; 0 for none.");
        Counter(meter, "container_oom_events_total", "{event}", "Processes the OOM killer ended in the workload.", CgroupUsageFields.OomKills, u => u.OomKills);

        Gauge(meter, "container_threads", "{thread}", "Tasks in the workload's cgroup (pids.current).", CgroupUsageFields.Pids, u => u.PidsCurrent);
        Counter(meter, "fleet_workload_pids_limit_hits_total", "{event}", "Forks refused because the pids limit was reached.", CgroupUsageFields.Pids, u => u.PidsLimitHits);

        Counter(meter, "container_fs_reads_bytes_total", "By", "Bytes read from block devices.", CgroupUsageFields.Io, u => u.IoReadBytes);
        Counter(meter, "container_fs_writes_bytes_total", "By", "Bytes written to block devices.", CgroupUsageFields.Io, u => u.IoWriteBytes);
        Counter(meter, "container_fs_reads_total", "{operation}", "Read operations on block devices.", CgroupUsageFields.Io, u => u.IoReadOps);
        Counter(meter, "container_fs_writes_total", "{operation}", "Write operations on block devices.", CgroupUsageFields.Io, u => u.IoWriteOps);

        // cAdvisor's names: "waiting" is PSI's some, "stalled" its full.
        Counter(meter, "container_pressure_cpu_waiting_seconds_total", "s", "Time some tasks waited for CPU.", CgroupUsageFields.CpuPressure, u => u.CpuPressure.SomeTotalMicros / MicrosPerSecond);
        Counter(meter, "container_pressure_cpu_stalled_seconds_total", "s", "Time all tasks waited for CPU.", CgroupUsageFields.CpuPressure, u => u.CpuPressure.FullTotalMicros / MicrosPerSecond);
        Counter(meter, "container_pressure_memory_waiting_seconds_total", "s", "Time some tasks waited for memory.", CgroupUsageFields.MemoryPressure, u => u.MemoryPressure.SomeTotalMicros / MicrosPerSecond);
        Counter(meter, "container_pressure_memory_stalled_seconds_total", "s", "Time all tasks waited for memory.", CgroupUsageFields.MemoryPressure, u => u.MemoryPressure.FullTotalMicros / MicrosPerSecond);
        Counter(meter, "container_pressure_io_waiting_seconds_total", "s", "Time some tasks waited for I/O.", CgroupUsageFields.IoPressure, u => u.IoPressure.SomeTotalMicros / MicrosPerSecond);
        Counter(meter, "container_pressure_io_stalled_seconds_total", "s", "Time all tasks waited for I/O.", CgroupUsageFields.IoPressure, u => u.IoPressure.FullTotalMicros / MicrosPerSecond);

        NetworkCounter(meter, "container_network_receive_bytes_total", "By", "Bytes received.", n => n.ReceiveBytes);
        NetworkCounter(meter, "container_network_transmit_bytes_total", "By", "Bytes transmitted.", n => n.TransmitBytes);
        NetworkCounter(meter, "container_network_receive_packets_total", "{packet}", "Packets received.", n => n.ReceivePackets);
        NetworkCounter(meter, "container_network_transmit_packets_total", "{packet}", "Packets transmitted.", n => n.TransmitPackets);
        NetworkCounter(meter, "container_network_receive_errors_total", "{error}", "Receive errors.", n => n.ReceiveErrors);
        NetworkCounter(meter, "container_network_transmit_errors_total", "{error}", "Transmit errors.", n => n.TransmitErrors);
        NetworkCounter(meter, "container_network_receive_packets_dropped_total", "{packet}", "Received packets dropped.", n => n.ReceiveDrops);
        NetworkCounter(meter, "container_network_transmit_packets_dropped_total", "{packet}", "Transmitted packets dropped.", n => n.TransmitDrops);

        NodeGauge(meter, "fleet_node_cpu_capacity_cores", "{core}", "CPU the node offers.", n => n.CapacityCpuMillis / 1000.0);
        NodeGauge(meter, "fleet_node_cpu_allocatable_cores", "{core}", "CPU workloads may be given: capacity minus the reserve.", n => n.AllocatableCpuMillis / 1000.0);
        NodeGauge(meter, "fleet_node_cpu_allocated_cores", "{core}", "CPU the running workloads asked for.", n => n.AllocatedCpuMillis / 1000.0);
        NodeGauge(meter, "fleet_node_cpu_used_cores", "{core}", "CPU the running workloads use.", n => n.UsedCpuCores);
        NodeGauge(meter, "fleet_node_host_cpu_used_cores", "{core}", "CPU the whole host uses (/proc/stat).", n => n.HostCpuCores);
        NodeGauge(meter, "fleet_node_memory_capacity_bytes", "By", "Memory the node offers.", n => n.CapacityMemoryBytes);
        NodeGauge(meter, "fleet_node_memory_allocatable_bytes", "By", "Memory workloads may be given: capacity minus the reserve.", n => n.AllocatableMemoryBytes);
        NodeGauge(meter, "fleet_node_memory_allocated_bytes", "By", "Memory the running workloads asked for.", n => n.AllocatedMemoryBytes);
        NodeGauge(meter, "fleet_node_memory_used_bytes", "By", "Working set of the running workloads.", n => n.UsedMemoryBytes);
        NodeGauge(meter, "fleet_node_host_memory_available_bytes", "By", "MemAvailable of the host.", n => n.HostMemoryAvailableBytes);
    }

    private void Counter(Meter meter, string name, string? unit, string description, CgroupUsageFields needs, Func<CgroupUsage, double> value) =>
        meter.CreateObservableCounter(name, () => Workloads(w => w.Current.Has(needs) ? value(w.Current) : null), unit, description);

    private void Gauge(Meter meter, string name, string? unit, string description, CgroupUsageFields needs, Func<CgroupUsage, double> value) =>
        meter.CreateObservableGauge(name, () => Workloads(w => w.Current.Has(needs) ? value(w.Current) : null), unit, description);

    private void NetworkCounter(Meter meter, string name, string unit, string description, Func<NetworkCounters, double> value) =>
        meter.CreateObservableCounter(name, () => Workloads(w => w.HasNetwork ? value(w.Network) : null), unit, description);

    private void NodeGauge(Meter meter, string name, string unit, string description, Func<NodeUsageState, double> value) =>
        meter.CreateObservableGauge(name, () => _sampler.NodeState() is { } node
            ? [new Measurement<double>(value(node), new KeyValuePair<string, object?>("node", _sampler.NodeId))]
            : (IEnumerable<Measurement<double>>)[], unit, description);

    private List<Measurement<double>> Workloads(Func<TrackedWorkload, double?> value)
    {
        var measurements = new List<Measurement<double>>();
        var node = _sampler.NodeId;
        _sampler.Visit(workload =>
        {
            if (value(workload) is { } measured)
            {
                measurements.Add(new Measurement<double>(
                    measured,
                    new KeyValuePair<string, object?>("workload", workload.Id),
                    new KeyValuePair<string, object?>("workload_name", workload.Name),
                    new KeyValuePair<string, object?>("node", node),
                    new KeyValuePair<string, object?>("tenant", DefaultTenant)));
            }
        });
        return measurements;
    }
}
