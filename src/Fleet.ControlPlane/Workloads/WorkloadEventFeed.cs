using Fleet.Grains;
using Grpc.Core;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Workloads;

/// <summary>
/// Streams workload events to one watcher: first the current state of the watched workload (or
/// of every workload), then each change, by long-polling the workload index. A change is sent
/// once: events older than what the watcher already has (same or lower version) are dropped, so
/// overlaps between the initial state, the event ring and a re-read after a gap never repeat.
/// </summary>
internal sealed class WorkloadEventFeed(IGrainFactory grains)
{
    /// <summary>How long one long-poll of the index waits for an event before it is asked again.</summary>
    public static readonly TimeSpan PollWait = TimeSpan.FromSeconds(15);

    /// <summary>Runs until <paramref name="cancellation"/> fires (the client went away).</summary>
    /// <param name="idOrName">The workload to watch; empty for every workload.</param>
    public async Task Stream(string idOrName, IServerStreamWriter<Proto.WorkloadEvent> stream, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var id = string.IsNullOrEmpty(idOrName) ? null : await grains.ResolveWorkloadId(idOrName, "workload");
        var index = grains.GetGrain<IWorkloadIndexGrain>(IWorkloadIndexGrain.Key);
        var watcher = new Watcher(grains, id, stream, cancellation);
        try
        {
            // The cursor is taken before the state is read ("after -1" means "from now on"): a
            // change made while the state is read then arrives as an event too (and is dropped by
            // version) instead of being lost.
            var after = (await index.WaitForEvents(-1, TimeSpan.Zero).WaitAsync(cancellation)).LastSequence;
            await watcher.SendCurrentState();
            while (!cancellation.IsCancellationRequested)
            {
                var batch = await index.WaitForEvents(after, PollWait).WaitAsync(cancellation);
                if (batch.Gap)
                {
                    await watcher.SendCurrentState();
                }
                else
                {
                    foreach (var change in batch.Events)
                    {
                        await watcher.Send(change.Workload);
                    }
                }

                after = batch.LastSequence;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client cancelled: the normal end of a watch.
        }
    }

    private sealed class Watcher(IGrainFactory grains, string? id, IServerStreamWriter<Proto.WorkloadEvent> stream, CancellationToken cancellation)
    {
        private readonly Dictionary<string, long> sentVersions = new(StringComparer.Ordinal);

        public async Task SendCurrentState()
        {
            if (id is not null)
            {
                if (await grains.GetGrain<IWorkloadGrain>(id).Get().WaitAsync(cancellation) is { } workload)
                {
                    await Send(workload);
                }

                return;
            }

            var index = grains.GetGrain<IWorkloadIndexGrain>(IWorkloadIndexGrain.Key);
            string? pageToken = null;
            do
            {
                var page = await index.List(WorkloadsService.MaxPageSize, pageToken).WaitAsync(cancellation);
                var workloads = await Task.WhenAll(page.Ids.Select(workloadId => grains.GetGrain<IWorkloadGrain>(workloadId).Get())).WaitAsync(cancellation);
                foreach (var workload in workloads.OfType<WorkloadSnapshot>())
                {
                    await Send(workload);
                }

                pageToken = page.NextPageToken;
            }
            while (pageToken is not null);
        }

        public async Task Send(WorkloadSnapshot workload)
        {
            if ((id is not null && workload.Id != id) ||
                (sentVersions.TryGetValue(workload.Id, out var sent) && workload.Version <= sent))
            {
                return;
            }

            sentVersions[workload.Id] = workload.Version;
            await stream.WriteAsync(workload.ToEvent(), cancellation);
        }
    }
}
