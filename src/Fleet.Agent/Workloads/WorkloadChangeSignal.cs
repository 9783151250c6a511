using System.Threading.Channels;

namespace Fleet.Agent.Workloads;

/// <summary>
/// Tells the heartbeat loop that some workload changed state. Any number of notifications before
/// the loop looks collapse into one, so a burst of changes costs one heartbeat.
/// </summary>
internal sealed class WorkloadChangeSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Completes when a change was notified since the last <see cref="Consume"/>.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) =>
        await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Forgets pending notifications: the caller is about to report everything anyway.</summary>
    public void Consume() => _channel.Reader.TryRead(out _);
}
