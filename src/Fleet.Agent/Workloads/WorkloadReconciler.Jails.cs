using Fleet.Agent.Telemetry;
using Fleet.Agent.Usage;
using Fleet.Contracts.V1;
using Fleet.Domain;
using Fleet.Jail;

namespace Fleet.Agent.Workloads;

// Starting, watching, stopping and freeing jails. Jail calls are made outside the lock; their
// outcomes come back through the state transitions in WorkloadReconciler.State.cs.
internal sealed partial class WorkloadReconciler
{
    private async Task StartAsync(WorkloadEntry entry)
    {
        WorkloadRecord record;
        lock (_gate)
        {
            entry.StartAttempted = true;
            record = entry.Record;
        }

        using var activity = AgentTelemetry.Source.StartActivity("fleet.agent.workload.start");
        activity?.SetTag("fleet.workload.id", record.Id);
        activity?.SetTag("fleet.workload.name", record.Name);

        if (!_rootfs.TryResolve(record.Rootfs, out var rootfsPath, out var reason))
        {
            Fail(entry, reason, activity);
            return;
        }

        if (record.Command.Count == 0)
        {
            Fail(entry, "the command is empty", activity);
            return;
        }

        Transition(entry, WorkloadState.Starting, null, string.Empty);
        IJail jail;
        try
        {
            var spec = record.ToJailSpec(rootfsPath, _logs.Prepare(record.Id));
            jail = await _runtime.StartAsync(spec, _stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The agent is shutting down; the next process finds the jail through Recover, or marks it failed.
            return;
        }
        catch (Exception ex)
        {
            LogStartFailed(ex, record.Id);
            Fail(entry, ex is JailException ? ex.Message : $"the jail could not be started: {ex.Message}", activity);
            return;
        }

        bool stopNow;
        lock (_gate)
        {
            entry.Jail = jail;
            TransitionLocked(entry, WorkloadState.Running, null, string.Empty);
            stopNow = entry.Record.StopRequested;
        }

        activity?.SetTag("fleet.jail.pid", jail.HostPid);
        Track(record, jail);
        _ = WatchExitAsync(entry, jail);
        if (stopNow)
        {
            BeginStop(entry);
        }
    }

    private async Task WatchExitAsync(WorkloadEntry entry, IJail jail)
    {
        JailExit exit;
        try
        {
            exit = await jail.Exited.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            exit = new JailExit(null, $"lost track of the jail: {ex.Message}");
        }

        // Before the final state is recorded and before anything can remove the jail's cgroup.
        var finalUsage = FinalAccounting(entry.Record.Id);
        bool dispose;
        lock (_gate)
        {
            if (finalUsage is not null && !entry.Record.IsFinished)
            {
                entry.Record = entry.Record with { FinalUsage = finalUsage };
            }

            if (entry.Record.StopRequested)
            {
                TransitionLocked(entry, WorkloadState.Stopped, exit.ExitCode, "stopped: no longer assigned to this node");
            }
            else if (exit.FailureReason is { } failure)
            {
                TransitionLocked(entry, WorkloadState.Failed, exit.ExitCode, failure);
            }
            else if (exit.OomKilled)
            {
                // Told apart from any other SIGKILL by the cgroup's oom_kill counter, never by 137 alone.
                TransitionLocked(entry, WorkloadState.Failed, exit.ExitCode,
                    $"OOM killed: memory limit {Quantity.FormatMemory(entry.Record.MemoryBytes)} reached");
            }
            else if (exit.ExitCode is null)
            {
                TransitionLocked(entry, WorkloadState.Failed, null, "the jail ended but its exit status is unknown");
            }
            else
            {
                TransitionLocked(entry, WorkloadState.Exited, exit.ExitCode, string.Empty);
            }

            dispose = _desired is not null && !_desired.Contains(entry.Record.Id) && !entry.Disposing;
            entry.Disposing |= dispose;
        }

        if (dispose)
        {
            await DisposeJailAsync(entry).ConfigureAwait(false);
        }
    }

    private void Track(WorkloadRecord record, IJail jail)
    {
        try
        {
            _usage?.Track(record.Id, record.Name, jail, record.CpuMillis, record.MemoryBytes);
        }
        catch (Exception ex)
        {
            // Usage is reported, never required: a workload runs whether or not it can be measured.
            LogUsageFailed(ex, record.Id);
        }
    }

    private WorkloadFinalUsage? FinalAccounting(string workloadId)
    {
        try
        {
            return _usage?.Finish(workloadId);
        }
        catch (Exception ex)
        {
            LogUsageFailed(ex, workloadId);
            return null;
        }
    }

    /// <summary>Marks the workload as leaving; true when a jail may need stopping.</summary>
    private bool RequestStopLocked(WorkloadEntry entry)
    {
        if (entry.Record.StopRequested)
        {
            return false;
        }

        if (entry.Record.State == WorkloadState.Pending && !entry.StartAttempted)
        {
            entry.Record = entry.Record with { StopRequested = true };
            TransitionLocked(entry, WorkloadState.Stopped, null, "stopped: no longer assigned to this node before it started");
            return false;
        }

        SaveLocked(entry, entry.Record with { StopRequested = true });
        return true;
    }

    private void BeginStop(WorkloadEntry entry)
    {
        IJail? jail;
        lock (_gate)
        {
            jail = entry.Jail;
            if (jail is null || entry.StopIssued || entry.Record.IsFinished)
            {
                return;
            }

            entry.StopIssued = true;
        }

        LogStopping(entry.Record.Id, _stopGracePeriod);
        _ = StopJailAsync(jail);
    }

    // The exit watcher records the outcome; this only delivers the signals.
    private async Task StopJailAsync(IJail jail)
    {
        try
        {
            await jail.StopAsync(_stopGracePeriod, _stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogStopFailed(ex, jail.Id);
        }
    }

    private async Task DisposeJailAsync(WorkloadEntry entry)
    {
        IJail? jail;
        lock (_gate)
        {
            jail = entry.Jail;
        }

        if (jail is not null)
        {
            try
            {
                await jail.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogDisposeFailed(ex, jail.Id);
            }
        }

        lock (_gate)
        {
            entry.Jail = null;
            PruneLocked();
        }
    }
}
