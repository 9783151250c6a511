using System.Collections.Concurrent;
using System.Globalization;
using Fleet.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Fleet.Cli.Tests.Fakes;

/// <summary>
/// The public Workloads API with canned answers: enough behaviour for the CLI's tests (resolve by
/// id or name, paging, a scripted event stream, stored log chunks), none of the control plane's.
/// </summary>
public sealed class FakeWorkloads : Workloads.WorkloadsBase
{
    private int _nextId;

    /// <summary>Newest first, as ListWorkloads returns them.</summary>
    public List<Workload> Stored { get; } = [];

    /// <summary>When set, every call fails with it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>The server's page size cap, so tests can make the CLI follow several pages.</summary>
    public int MaxPageSize { get; set; } = 100;

    public ConcurrentQueue<ListWorkloadsRequest> ListRequests { get; } = new();

    public ConcurrentQueue<SubmitWorkloadRequest> Submitted { get; } = new();

    public ConcurrentQueue<StreamLogsRequest> LogRequests { get; } = new();

    public int WatchCalls => _watchCalls;

    private int _watchCalls;

    /// <summary>
    /// What each WatchWorkloadEvents call sends, by call number (0-based): the workload as recorded after
    /// each event. After the last one the stream stays open until the client cancels, unless
    /// <see cref="EndWatchAfterScript"/>.
    /// </summary>
    public Func<int, IReadOnlyList<Workload>> WatchScript { get; set; } = _ => [];

    public bool EndWatchAfterScript { get; set; }

    /// <summary>Log chunks of each workload, by id.</summary>
    public Dictionary<string, List<LogChunk>> Logs { get; } = [];

    /// <summary>When set, StreamLogs fails with it (and other calls do not).</summary>
    public Exception? LogFailure { get; set; }

    /// <summary>When set, StreamLogs sends its chunks and then stays open until the client cancels.</summary>
    public bool HoldLogStreamOpen { get; set; }

    public Workload Add(string name, WorkloadState state = WorkloadState.Running, string nodeId = "node-a", DateTimeOffset? createdAt = null)
    {
        var workload = new Workload
        {
            Id = "w-" + Interlocked.Increment(ref _nextId).ToString("x12", CultureInfo.InvariantCulture),
            Spec = new WorkloadSpec
            {
                Name = name,
                Command = { "/bin/echo", "hello" },
                Resources = new Resources { MemoryBytes = 64L << 20, CpuMillis = 500 },
                Rootfs = "busybox",
            },
            State = state,
            NodeId = nodeId,
            CreatedAt = Timestamp.FromDateTimeOffset(createdAt ?? DateTimeOffset.UtcNow),
        };
        Stored.Insert(0, workload);
        return workload;
    }

    public override Task<Workload> SubmitWorkload(SubmitWorkloadRequest request, ServerCallContext context)
    {
        ThrowIfFailing();
        Submitted.Enqueue(request);
        var workload = Add(request.Spec.Name.Length > 0 ? request.Spec.Name : "generated", WorkloadState.Pending, nodeId: "");
        workload.Spec = request.Spec;
        return Task.FromResult(workload);
    }

    public override Task<Workload> GetWorkload(GetWorkloadRequest request, ServerCallContext context)
    {
        ThrowIfFailing();
        return Task.FromResult(Find(request.Workload));
    }

    public override Task<ListWorkloadsResponse> ListWorkloads(ListWorkloadsRequest request, ServerCallContext context)
    {
        ThrowIfFailing();
        ListRequests.Enqueue(request);
        var offset = request.PageToken.Length == 0 ? 0 : int.Parse(request.PageToken, CultureInfo.InvariantCulture);
        var size = Math.Min(request.PageSize == 0 ? 100 : request.PageSize, MaxPageSize);
        var response = new ListWorkloadsResponse { Workloads = { Stored.Skip(offset).Take(size) } };
        if (offset + size < Stored.Count)
        {
            response.NextPageToken = (offset + size).ToString(CultureInfo.InvariantCulture);
        }

        return Task.FromResult(response);
    }

    public override Task<Workload> StopWorkload(StopWorkloadRequest request, ServerCallContext context)
    {
        ThrowIfFailing();
        var workload = Find(request.Workload);
        workload.State = WorkloadState.Stopped;
        return Task.FromResult(workload);
    }

    public override async Task WatchWorkloadEvents(WatchWorkloadEventsRequest request, IServerStreamWriter<WorkloadEvent> responseStream, ServerCallContext context)
    {
        ThrowIfFailing();
        var call = Interlocked.Increment(ref _watchCalls) - 1;
        foreach (var workload in WatchScript(call))
        {
            await responseStream.WriteAsync(new WorkloadEvent
            {
                WorkloadId = workload.Id,
                Transition = new StateTransition { State = workload.State, At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
                Workload = workload,
            });
        }

        if (!EndWatchAfterScript)
        {
            await WaitForCancellation(context.CancellationToken);
        }
    }

    public override async Task StreamLogs(StreamLogsRequest request, IServerStreamWriter<LogChunk> responseStream, ServerCallContext context)
    {
        ThrowIfFailing();
        LogRequests.Enqueue(request);
        if (LogFailure is not null)
        {
            throw LogFailure;
        }

        var workload = Find(request.Workload);
        foreach (var chunk in Logs.GetValueOrDefault(workload.Id) ?? [])
        {
            await responseStream.WriteAsync(chunk);
        }

        if (HoldLogStreamOpen)
        {
            await WaitForCancellation(context.CancellationToken);
        }
    }

    private Workload Find(string idOrName) =>
        Stored.FirstOrDefault(w => w.Id == idOrName || w.Spec.Name == idOrName)
        ?? throw new RpcException(new Status(StatusCode.NotFound, $"workload '{idOrName}' not found"));

    private void ThrowIfFailing()
    {
        if (Failure is not null)
        {
            throw Failure;
        }
    }

    private static async Task WaitForCancellation(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
