using System.Diagnostics;
using Fleet.Cli.Api;
using Fleet.Contracts.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace Fleet.Cli.Dev;

/// <summary>
/// Waits until a freshly started dev node is usable: the control plane's gRPC health check (service
/// "") says SERVING and at least one node is READY. Gives up early when one of its processes dies.
/// </summary>
internal sealed class DevReadiness(FleetConnection connection, TimeProvider time)
{
    /// <summary>How long a dev node gets to come up (the control plane starts in about 2 s, the agent may first build its rootfs).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits until the control plane is SERVING and, when <paramref name="needNode"/>, a node is READY,
    /// or until <paramref name="deadline"/>. Returns the ready node (null when none was needed) or a
    /// failure saying what was missing; never throws for a node that is not up.
    /// </summary>
    public async Task<Outcome> WaitAsync(
        IReadOnlyList<(DevComponent Component, Process Process)> launched, bool needNode, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launched);
        var missing = "the control plane's health check to say SERVING";
        while (true)
        {
            if (launched.FirstOrDefault(l => l.Process.HasExited) is { Process: not null } died)
            {
                return new Outcome(null, $"the {died.Component.DisplayName} exited during start-up with code {died.Process.ExitCode}");
            }

            var (ready, node, waitingFor) = await ProbeAsync(needNode, cancellationToken);
            if (ready)
            {
                return new Outcome(node, null);
            }

            missing = waitingFor;
            if (time.GetUtcNow() >= deadline)
            {
                return new Outcome(null, $"not ready after {Timeout.TotalSeconds:0} s: still waiting for {missing}");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task<(bool Ready, Node? Node, string WaitingFor)> ProbeAsync(bool needNode, CancellationToken cancellationToken)
    {
        try
        {
            var health = await connection.Health.CheckAsync(
                new HealthCheckRequest { Service = "" }, deadline: DateTime.UtcNow + ProbeTimeout, cancellationToken: cancellationToken);
            if (health.Status != HealthCheckResponse.Types.ServingStatus.Serving)
            {
                return (false, null, $"the control plane's health check to say SERVING (it says {health.Status})");
            }

            if (!needNode)
            {
                return (true, null, "");
            }

            var nodes = await connection.Nodes.ListNodesAsync(
                new ListNodesRequest(), deadline: DateTime.UtcNow + ProbeTimeout, cancellationToken: cancellationToken);
            var ready = nodes.Nodes.FirstOrDefault(n => n.State == NodeState.Ready);
            return ready is null ? (false, null, "a node to register and be READY") : (true, ready, "");
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, null, "the control plane to answer on " + ServerAddress.Display(connection.Address));
        }
    }

    /// <param name="Node">The first READY node when one was needed and the dev node came up.</param>
    /// <param name="Failure">Why it did not, when it did not.</param>
    public sealed record Outcome(Node? Node, string? Failure);
}
