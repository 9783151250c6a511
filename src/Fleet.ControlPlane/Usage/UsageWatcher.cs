using System.Threading.Channels;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Usage;

/// <summary>One <c>WatchUsage</c> stream's feed from the <see cref="UsageStore"/>; disposing it unsubscribes.</summary>
internal sealed class UsageWatcher(Channel<Proto.UsageUpdate> channel, string? workloadId, string? nodeId, Action<UsageWatcher> unwatch) : IDisposable
{
    private int _disposed;

    public Channel<Proto.UsageUpdate> Channel { get; } = channel;

    public ChannelReader<Proto.UsageUpdate> Reader => Channel.Reader;

    public bool Wants(Proto.UsageUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.UpdateCase switch
        {
            Proto.UsageUpdate.UpdateOneofCase.Workload =>
                (string.IsNullOrEmpty(workloadId) || update.Workload.WorkloadId == workloadId) &&
                (string.IsNullOrEmpty(nodeId) || update.Workload.NodeId == nodeId),
            Proto.UsageUpdate.UpdateOneofCase.Node =>
                string.IsNullOrEmpty(workloadId) && (string.IsNullOrEmpty(nodeId) || update.Node.NodeId == nodeId),
            _ => false,
        };
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            unwatch(this);
        }
    }
}
