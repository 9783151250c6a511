using Fleet.Agent.Connection;
using Fleet.Agent.Tests.Fakes;
using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Fleet.Agent.Tests.Fakes.AgentHarness;

namespace Fleet.Agent.Tests.Connection;

public sealed class ControlPlaneConnectionTests : IAsyncLifetime
{
    private readonly AgentHarness _harness = new();
    private readonly FakeJailRuntime _runtime = new();
    private readonly FakeControlPlane _controlPlane = new();
    private readonly List<IAsyncDisposable> _cleanup = [];
    private WorkloadReconciler _reconciler = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _reconciler = _harness.CreateReconciler(_runtime);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        // Reverse order: the connection stops before its server goes away.
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            await _cleanup[i].DisposeAsync();
        }

        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Registers_runs_the_assigned_workloads_and_heartbeats_their_states_at_once()
    {
        // A long interval: every heartbeat seen below is one sent because a state changed.
        _harness.Options.HeartbeatInterval = TimeSpan.FromSeconds(30);
        var server = await StartServerAsync();
        await StartConnectionAsync(server.Address);

        await Eventually.TrueAsync(() => _controlPlane.Registrations.Count == 1 && !_controlPlane.Heartbeats.IsEmpty, "the agent registers and heartbeats");
        var registration = Assert.Single(_controlPlane.Registrations);
        Assert.Equal("node-a", registration.NodeId);
        Assert.Equal("127.0.0.1:7410", registration.Address);
        Assert.Equal(1500, registration.Capacity.CpuMillis);
        Assert.Equal(256L << 20, registration.Capacity.MemoryBytes);
        Assert.Equal(["busybox"], registration.RootfsNames);

        _controlPlane.Publish(Set(1, Assignment("w-1")));
        await Eventually.TrueAsync(() => _controlPlane.StatusesOf("w-1").Any(s => s.State == WorkloadState.Running), "a heartbeat reports w-1 running");
        Assert.Single(_runtime.Started);

        _runtime.Jail("w-1").Exit(4);
        await Eventually.TrueAsync(() => _controlPlane.StatusesOf("w-1").Any(s => s.State == WorkloadState.Exited), "a heartbeat reports w-1 exited", TimeSpan.FromSeconds(5));
        var exited = _controlPlane.StatusesOf("w-1").Last();
        Assert.Equal(4, exited.ExitCode);
        Assert.True(exited.At.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        // Delivered and no longer assigned: the agent forgets it.
        _controlPlane.Publish(Set(2));
        await Eventually.TrueAsync(() => _reconciler.Find("w-1") is null, "the delivered workload is forgotten");
    }

    [Fact]
    public async Task Registers_again_and_rewatches_when_the_control_plane_no_longer_knows_the_node()
    {
        _harness.Options.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        var server = await StartServerAsync();
        _controlPlane.Publish(Set(1, Assignment("w-1")));
        await StartConnectionAsync(server.Address);
        await Eventually.TrueAsync(() => _controlPlane.Registrations.Count == 1 && _runtime.Started.Count == 1, "the agent registers and starts w-1");

        _controlPlane.Forget();

        await Eventually.TrueAsync(() => _controlPlane.Registrations.Count >= 2 && _controlPlane.Watches >= 2, "the agent registers and watches again");
        var heartbeatsAfter = _controlPlane.Heartbeats.Count;
        await Eventually.TrueAsync(() => _controlPlane.Heartbeats.Count > heartbeatsAfter + 2, "heartbeats go on");
        Assert.Single(_runtime.Started);
        Assert.Equal(WorkloadState.Running, _reconciler.Find("w-1")?.State);
    }

    [Fact]
    public async Task Reconnects_after_the_assignment_stream_breaks_and_reconciles_to_the_full_set()
    {
        _harness.Options.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        var server = await StartServerAsync();
        _controlPlane.Publish(Set(1, Assignment("w-1"), Assignment("w-2")));
        await StartConnectionAsync(server.Address);
        await Eventually.TrueAsync(() => _runtime.Started.Count == 2, "both workloads start");

        _controlPlane.BreakStreams();
        _controlPlane.Publish(Set(2, Assignment("w-2"), Assignment("w-3")));

        await Eventually.TrueAsync(() => _controlPlane.Watches >= 2, "the agent watches again");
        await Eventually.TrueAsync(() => _reconciler.Find("w-1")?.State == WorkloadState.Stopped, "w-1, no longer assigned, is stopped");
        await Eventually.TrueAsync(() => _runtime.Started.Count == 3, "w-3 starts");
        Assert.True(_controlPlane.Registrations.Count >= 2, "a new session registers first");
        Assert.Equal(WorkloadState.Running, _reconciler.Find("w-2")?.State);
    }

    [Fact]
    public async Task Keeps_trying_to_register_until_the_control_plane_is_reachable()
    {
        var port = GrpcTestServer.FreePort();
        await StartConnectionAsync(new Uri($"http://127.0.0.1:{port}"));
        await Task.Delay(700, Cancel);

        await StartServerAsync(port);

        await Eventually.TrueAsync(() => _controlPlane.Registrations.Count == 1 && _controlPlane.Watches == 1, "the agent registers once the control plane is up");
    }

    [Fact]
    public async Task Running_workloads_keep_running_while_the_control_plane_is_gone()
    {
        _harness.Options.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        var server = await StartServerAsync();
        _controlPlane.Publish(Set(1, Assignment("w-1")));
        await StartConnectionAsync(server.Address);
        await Eventually.TrueAsync(() => _reconciler.Find("w-1")?.State == WorkloadState.Running, "w-1 runs");

        await server.DisposeAsync();
        _cleanup.Remove(server);
        await Task.Delay(1000, Cancel);

        Assert.Equal(0, _runtime.Jail("w-1").StopCalls);
        Assert.Equal(WorkloadState.Running, _reconciler.Find("w-1")?.State);
    }

    private async Task<GrpcTestServer> StartServerAsync(int port = 0)
    {
        var server = await GrpcTestServer.StartAsync(
            services => services.AddSingleton(_controlPlane),
            app => app.MapGrpcService<FakeControlPlane>(),
            port);
        _cleanup.Add(server);
        return server;
    }

    private async Task StartConnectionAsync(Uri controlPlane)
    {
        var options = _harness.Options;
        options.ControlPlane = controlPlane.ToString();
        var channel = GrpcChannel.ForAddress(controlPlane);
        var node = new NodeDescription(options.NodeId, NodeDescription.AddressOf(options.GrpcUrl), new Resources { CpuMillis = 1500, MemoryBytes = 256L << 20 });
        var connection = new ControlPlaneConnection(
            new AgentControl.AgentControlClient(channel),
            _reconciler,
            _harness.Changes,
            _harness.Rootfs,
            node,
            Microsoft.Extensions.Options.Options.Create(options),
            TimeProvider.System,
            NullLogger<ControlPlaneConnection>.Instance);
        await connection.StartAsync(Cancel);
        _cleanup.Add(new Stopper(connection, channel));
    }

    private sealed class Stopper(ControlPlaneConnection connection, GrpcChannel channel) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await connection.StopAsync(CancellationToken.None);
            connection.Dispose();
            channel.Dispose();
        }
    }
}
