using System.Diagnostics;
using Fleet.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fleet.EndToEnd.Tests;

/// <summary>
/// A real Fleet on this machine: the published control plane on its embedded store and one or
/// more agents, each on its own loopback ports and state directory, all under one temporary
/// directory that disposal removes together with every process and workload the test started.
/// </summary>
internal sealed class FleetCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _root;
    private readonly int _grpcPort = FreePort.Next();
    private readonly int _httpPort = FreePort.Next();
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();
    private readonly List<ChildProcess> _agents = [];
    private readonly string _cgroupParent = $"fleet-e2e-{Guid.NewGuid():N}"[..18];
    private readonly GrpcChannel _channel;
    private ChildProcess? _controlPlane;

    private FleetCluster(string root)
    {
        _root = root;
        Address = $"http://127.0.0.1:{_grpcPort}";
        _channel = GrpcChannel.ForAddress(Address);
        Workloads = new Workloads.WorkloadsClient(_channel);
        Nodes = new Nodes.NodesClient(_channel);
    }

    public string Address { get; }

    public Workloads.WorkloadsClient Workloads { get; }

    public Nodes.NodesClient Nodes { get; }

    public static async Task<FleetCluster> StartAsync(params AgentSettings[] agents)
    {
        if (Interop.GetEffectiveUserId() != 0)
        {
            throw new InvalidOperationException("the end-to-end tests need root: the agent creates namespaces, cgroups and mounts");
        }

        var root = Path.Combine(Path.GetTempPath(), $"fleet-e2e-{Guid.NewGuid():N}"[..22]);
        Directory.CreateDirectory(root);
        var cluster = new FleetCluster(root);
        try
        {
            cluster.StartControlPlane();
            foreach (var agent in agents.Length == 0 ? [new AgentSettings("node-1")] : agents)
            {
                cluster.StartAgent(agent);
            }

            await cluster.WaitForReadyNodesAsync(agents.Length == 0 ? 1 : agents.Length);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the control plane gracefully and starts it again over the same data directory.</summary>
    public async Task RestartControlPlaneAsync()
    {
        await _controlPlane!.DisposeAsync();
        StartControlPlane();
        await WaitForReadyNodesAsync(_agents.Count);
    }

    /// <summary>Runs the real <c>fleet</c> CLI against this cluster.</summary>
    public async Task<CliResult> FleetAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(RepositoryLayout.Cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["FLEET_ADDR"] = Address;
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Polls until the workload reaches one of the phases, or fails with everything the processes printed.</summary>
    public async Task<Workload> WaitForStateAsync(string workload, params WorkloadState[] states)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        Workload current;
        do
        {
            current = await Workloads.GetWorkloadAsync(new GetWorkloadRequest { Workload = workload });
            if (states.Contains(current.State))
            {
                return current;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"workload {workload} is {current.State}, not {string.Join(" or ", states)}: {current}\n{Diagnostics()}");
    }

    /// <summary>Everything the cluster's processes printed, for failure messages.</summary>
    public string Diagnostics() =>
        string.Join("\n", new[] { _controlPlane }.Concat(_agents).OfType<ChildProcess>()
            .Select(p => $"--- {p.Name}{(p.HasExited ? " (exited)" : "")} ---\n{Tail(p.Output)}"));

    public async ValueTask DisposeAsync()
    {
        await StopRunningWorkloadsAsync();
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        if (_controlPlane is not null)
        {
            await _controlPlane.DisposeAsync();
        }

        _channel.Dispose();
        CgroupCleanup.Remove(_cgroupParent);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A jail that outlived its agent may still hold a file; the directory is in /tmp.
        }
    }

    private void StartControlPlane()
    {
        _controlPlane = ChildProcess.Start("control plane", RepositoryLayout.ControlPlane,
        [
            $"--Fleet:DataDirectory={Path.Combine(_root, "controlplane")}",
            $"--Fleet:GrpcUrl={Address}",
            $"--Fleet:HttpUrl=http://127.0.0.1:{_httpPort}",
            $"--Orleans:SiloPort={_siloPort}",
            $"--Orleans:GatewayPort={_gatewayPort}",
        ]);
    }

    private void StartAgent(AgentSettings settings)
    {
        var state = Path.Combine(_root, settings.NodeId);
        var arguments = new List<string>
        {
            $"--Agent:NodeId={settings.NodeId}",
            $"--Agent:ControlPlane={Address}",
            $"--Agent:GrpcUrl=http://127.0.0.1:{FreePort.Next()}",
            $"--Agent:HttpUrl=http://127.0.0.1:{FreePort.Next()}",
            $"--Agent:StateDirectory={state}",
            $"--Agent:RootfsDirectory={Path.Combine(_root, "rootfs")}",
            $"--Agent:CgroupParent={_cgroupParent}",
            "--Agent:HeartbeatInterval=00:00:01",
            "--Agent:StopGracePeriod=00:00:02",
        };
        if (settings.CpuMillis is { } cpu)
        {
            arguments.Add($"--Agent:CpuMillis={cpu}");
        }

        if (settings.MemoryBytes is { } memory)
        {
            arguments.Add($"--Agent:MemoryBytes={memory}");
        }

        _agents.Add(ChildProcess.Start($"agent {settings.NodeId}", RepositoryLayout.Agent, arguments));
    }

    private async Task WaitForReadyNodesAsync(int count)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (new[] { _controlPlane }.Concat(_agents).FirstOrDefault(p => p!.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited during start-up\n{Diagnostics()}");
            }

            try
            {
                var nodes = await Nodes.ListNodesAsync(new ListNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (nodes.Nodes.Count(n => n.State == NodeState.Ready) >= count)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{count} node(s) not ready within {StartTimeout}\n{Diagnostics()}");
    }

    private async Task StopRunningWorkloadsAsync()
    {
        if (_controlPlane is null || _controlPlane.HasExited)
        {
            return;
        }

        try
        {
            var list = await Workloads.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = 1000 }, deadline: DateTime.UtcNow.AddSeconds(10));
            var live = list.Workloads.Where(w => w.State is WorkloadState.Pending or WorkloadState.Starting or WorkloadState.Running).ToList();
            foreach (var workload in live)
            {
                await Workloads.StopWorkloadAsync(new StopWorkloadRequest { Workload = workload.Id });
            }

            foreach (var workload in live.Where(w => !string.IsNullOrEmpty(w.NodeId)))
            {
                await WaitForStateAsync(workload.Id, WorkloadState.Stopped, WorkloadState.Exited, WorkloadState.Failed);
            }
        }
        catch (Exception e) when (e is RpcException or TimeoutException)
        {
            // Best effort: the processes are stopped next regardless.
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}
