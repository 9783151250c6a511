using System.Diagnostics;
using Fleet.Contracts.V1;

namespace Fleet.Agent.Workloads;

// State transitions, their durable record and their metrics; everything named *Locked runs under _gate.
internal sealed partial class WorkloadReconciler
{
    private void Fail(WorkloadEntry entry, string reason, Activity? activity)
    {
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        Transition(entry, WorkloadState.Failed, null, reason);
    }

    private void Transition(WorkloadEntry entry, WorkloadState state, int? exitCode, string reason)
    {
        lock (_gate)
        {
            TransitionLocked(entry, state, exitCode, reason);
        }
    }

    private void TransitionLocked(WorkloadEntry entry, WorkloadState state, int? exitCode, string reason)
    {
        // Finished is final: a late exit or stop can never rewrite how a workload ended.
        if (entry.Record.IsFinished)
        {
            return;
        }

        var now = _time.GetUtcNow();
        SaveLocked(entry, entry.Record with
        {
            State = state,
            ExitCode = exitCode,
            Reason = reason,
            At = now,
            Earlier = [.. entry.Record.Earlier, new WorkloadTransition(entry.Record.State, entry.Record.At, entry.Record.Reason)],
        });
        if (state == WorkloadState.Exited)
        {
            LogExited(entry.Record.Id, exitCode);
        }
        else if (entry.Record.IsFinished)
        {
            LogEnded(entry.Record.Id, state, exitCode, reason);
        }
        else
        {
            LogTransition(entry.Record.Id, state);
        }

        switch (state)
        {
            case WorkloadState.Running:
                _metrics.Started();
                break;
            case WorkloadState.Exited:
                _metrics.Exited();
                break;
            case WorkloadState.Failed:
                _metrics.Failed();
                break;
            case WorkloadState.Stopped:
                _metrics.Stopped();
                break;
        }
    }

    private void SaveLocked(WorkloadEntry entry, WorkloadRecord record)
    {
        entry.Record = record;
        entry.Revision = ++_revision;
        try
        {
            _store.Save(record);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still reported from memory; only a restart of the agent would lose it.
            LogSaveFailed(ex, record.Id);
        }

        _changes.Notify();
    }

    private void PruneLocked()
    {
        if (_desired is null)
        {
            return;
        }

        var forgotten = _entries.Values
            .Where(entry => entry.Record.IsFinished &&
                            !_desired.Contains(entry.Record.Id) &&
                            entry.Jail is null &&
                            entry.DeliveredRevision >= entry.Revision)
            .Select(entry => entry.Record.Id)
            .ToList();
        foreach (var id in forgotten)
        {
            try
            {
                _store.Delete(id);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogDeleteFailed(ex, id);
                continue;
            }

            _entries.Remove(id);
            LogForgotten(id);
        }
    }

    private int CountRunning()
    {
        lock (_gate)
        {
            return _entries.Values.Count(entry => entry.Record.State == WorkloadState.Running);
        }
    }
}
