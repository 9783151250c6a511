using System.Diagnostics.Metrics;

namespace Fleet.Agent.Telemetry;

/// <summary>The agent's meter (<c>Fleet.Agent</c>): workload outcomes, running workloads and reconcile cost.</summary>
internal sealed class AgentMetrics
{
    private readonly Counter<long> _started;
    private readonly Counter<long> _exited;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _stopped;
    private readonly Histogram<double> _reconcileDuration;
    private Func<int> _running = () => 0;

    public AgentMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(AgentTelemetry.Name);
        _started = meter.CreateCounter<long>("fleet.agent.workloads.started", "{workload}", "Workloads whose jail process was started.");
        _exited = meter.CreateCounter<long>("fleet.agent.workloads.exited", "{workload}", "Workloads whose process ended by itself.");
        _failed = meter.CreateCounter<long>("fleet.agent.workloads.failed", "{workload}", "Workloads that could not be started or were lost.");
        _stopped = meter.CreateCounter<long>("fleet.agent.workloads.stopped", "{workload}", "Workloads stopped because they left the desired set.");
        meter.CreateObservableGauge("fleet.agent.workloads.running", () => _running(), "{workload}", "Workloads running on this node now.");
        _reconcileDuration = meter.CreateHistogram<double>("fleet.agent.reconcile.duration", "s", "Time to reconcile the host to one assignment set.");
    }

    /// <summary>Where the running gauge reads its value; set once by the reconciler.</summary>
    public void ObserveRunning(Func<int> running) => _running = running;

    public void Started() => _started.Add(1);

    public void Exited() => _exited.Add(1);

    public void Failed() => _failed.Add(1);

    public void Stopped() => _stopped.Add(1);

    public void Reconciled(TimeSpan duration) => _reconcileDuration.Record(duration.TotalSeconds);
}
