using System.Diagnostics.Metrics;

namespace Fleet.Grains;

/// <summary>
/// The control plane's placement metrics on the <see cref="FleetTelemetry.Name"/> meter:
/// <c>fleet.placements</c> (reservations, by <c>result</c> accepted or rejected) and
/// <c>fleet.workloads.pending</c> (workloads waiting for a node, reported by the silo that holds the index).
/// </summary>
internal sealed class FleetMetrics
{
    private readonly Counter<long> _placements;
    private int _pending;

    public FleetMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(FleetTelemetry.Name);
        _placements = meter.CreateCounter<long>("fleet.placements", unit: "{reservation}", description: "Reservations asked of node grains, by result.");
        meter.CreateObservableGauge("fleet.workloads.pending", () => Volatile.Read(ref _pending), unit: "{workload}", description: "Workloads waiting for a node.");
    }

    public void PlacementAccepted() => _placements.Add(1, new KeyValuePair<string, object?>("result", "accepted"));

    public void PlacementRejected() => _placements.Add(1, new KeyValuePair<string, object?>("result", "rejected"));

    public void SetPending(int count) => Volatile.Write(ref _pending, count);
}
