using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Fleet.Agent.Tests.Fakes;
using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using static Fleet.Agent.Tests.Fakes.AgentHarness;

namespace Fleet.Agent.Tests.Workloads;

public sealed class AgentMetricsTests : IAsyncLifetime
{
    private readonly AgentHarness _harness = new();
    private readonly FakeJailRuntime _runtime = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _totals = new();
    private WorkloadReconciler _reconciler = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Fleet.Agent" && instrument.Meter.Scope == _harness.MeterFactory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _totals[instrument.Name] = value);
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name + ".count", 1, (_, count) => count + 1));
        _listener.Start();
        _reconciler = _harness.CreateReconciler(_runtime);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Counts_outcomes_running_workloads_and_reconciles()
    {
        _runtime.StartFailure = spec => spec.Id == "w-bad" ? new Fleet.Jail.JailException("no cgroup") : null;
        await _reconciler.ApplyAsync(Set(1, Assignment("w-1"), Assignment("w-2"), Assignment("w-bad")), Cancel);
        _runtime.Jail("w-1").Exit(0);
        await Eventually.TrueAsync(() => _reconciler.Find("w-1")?.State == WorkloadState.Exited, "w-1 exited");
        await _reconciler.ApplyAsync(Set(2, Assignment("w-1")), Cancel);
        await Eventually.TrueAsync(() => _reconciler.Find("w-2")?.State == WorkloadState.Stopped, "w-2 stopped");

        _listener.RecordObservableInstruments();

        Assert.Equal(2, Total("fleet.agent.workloads.started"));
        Assert.Equal(1, Total("fleet.agent.workloads.exited"));
        Assert.Equal(1, Total("fleet.agent.workloads.failed"));
        Assert.Equal(1, Total("fleet.agent.workloads.stopped"));
        Assert.Equal(0, Total("fleet.agent.workloads.running"));
        Assert.Equal(2, Total("fleet.agent.reconcile.duration.count"));
    }

    private double Total(string name) => _totals.TryGetValue(name, out var value) ? value : -1;
}
