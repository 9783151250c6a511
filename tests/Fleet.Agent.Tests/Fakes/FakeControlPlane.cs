using System.Collections.Concurrent;
using System.Threading.Channels;
using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.Agent.Tests.Fakes;

/// <summary>The control plane's agent-facing service, reduced to what the agent's connection loop needs to be tested against.</summary>
internal sealed class FakeControlPlane : AgentControl.AgentControlBase
{
    private readonly Lock _gate = new();
    private readonly List<Channel<AssignmentSet>> _watchers = [];
    private AssignmentSet _current = new();
    private int _watches;
    private volatile bool _known;

    public ConcurrentQueue<RegisterRequest> Registrations { get; } = new();

    public ConcurrentQueue<HeartbeatRequest> Heartbeats { get; } = new();

    public int Watches => Volatile.Read(ref _watches);

    /// <summary>As a real control plane whose store was wiped: every heartbeat is answered known = false until the node registers again.</summary>
    public void Forget() => _known = false;

    /// <summary>Makes <paramref name="set"/> the desired set and sends it to every watcher.</summary>
    public void Publish(AssignmentSet set)
    {
        lock (_gate)
        {
            _current = set;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(set);
            }
        }
    }

    /// <summary>Fails every open assignment stream, as a dropped connection would.</summary>
    public void BreakStreams()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete(new RpcException(new Status(StatusCode.Unavailable, "broken by the test")));
            }
        }
    }

    /// <summary>The statuses of one workload across every heartbeat so far.</summary>
    public List<WorkloadStatus> StatusesOf(string workloadId) =>
        [.. Heartbeats.SelectMany(heartbeat => heartbeat.Workloads).Where(status => status.WorkloadId == workloadId)];

    public override Task<RegisterResponse> Register(RegisterRequest request, ServerCallContext context)
    {
        Registrations.Enqueue(request);
        _known = true;
        return Task.FromResult(new RegisterResponse { NodeId = request.NodeId });
    }

    public override Task<HeartbeatResponse> Heartbeat(HeartbeatRequest request, ServerCallContext context)
    {
        Heartbeats.Enqueue(request);
        return Task.FromResult(new HeartbeatResponse { Known = _known });
    }

    public override async Task WatchAssignments(WatchAssignmentsRequest request, IServerStreamWriter<AssignmentSet> responseStream, ServerCallContext context)
    {
        Interlocked.Increment(ref _watches);
        var channel = Channel.CreateUnbounded<AssignmentSet>();
        lock (_gate)
        {
            _watchers.Add(channel);
            channel.Writer.TryWrite(_current);
        }

        try
        {
            await foreach (var set in channel.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(set, context.CancellationToken);
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }
}
