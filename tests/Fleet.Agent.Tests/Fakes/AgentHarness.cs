using System.Diagnostics.Metrics;
using Fleet.Agent.Logs;
using Fleet.Agent.Rootfs;
using Fleet.Agent.Telemetry;
using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Tests.Fakes;

/// <summary>
/// A state directory and rootfs directory in a temporary folder, and the agent's parts over them.
/// Creating a second reconciler over the same harness is an agent restart.
/// </summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<WorkloadReconciler> _reconcilers = [];

    public AgentHarness()
    {
        Root = Directory.CreateTempSubdirectory("fleet-agent-test-").FullName;
        Options = new AgentOptions
        {
            NodeId = "node-a",
            StateDirectory = Path.Combine(Root, "state"),
            RootfsDirectory = Path.Combine(Root, "rootfs"),
            StopGracePeriod = TimeSpan.FromSeconds(3),
            HeartbeatInterval = TimeSpan.FromSeconds(2),
        };
        Directory.CreateDirectory(Path.Combine(Options.RootfsDirectory, "busybox"));
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new AgentMetrics(MeterFactory);
        Logs = new WorkloadLogStore(Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System);
        Rootfs = new RootfsCatalog(Microsoft.Extensions.Options.Options.Create(Options), [], NullLogger<RootfsCatalog>.Instance);
    }

    public string Root { get; }

    public AgentOptions Options { get; }

    /// <summary>This harness's own meter factory: listeners filter on it, as tests run in parallel.</summary>
    public IMeterFactory MeterFactory { get; }

    public AgentMetrics Metrics { get; }

    public WorkloadLogStore Logs { get; }

    public RootfsCatalog Rootfs { get; }

    public WorkloadChangeSignal Changes { get; } = new();

    public WorkloadReconciler CreateReconciler(FakeJailRuntime runtime)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var reconciler = new WorkloadReconciler(
            runtime,
            new WorkloadRecordStore(options, NullLogger<WorkloadRecordStore>.Instance),
            Logs,
            Rootfs,
            Changes,
            Metrics,
            options,
            TimeProvider.System,
            NullLogger<WorkloadReconciler>.Instance);
        _reconcilers.Add(reconciler);
        return reconciler;
    }

    public string RecordPath(string workloadId) => Path.Combine(Options.StateDirectory, "workloads", workloadId, "record.json");

    public static Assignment Assignment(string id, string name = "", params string[] command)
    {
        var spec = new WorkloadSpec
        {
            Name = name.Length == 0 ? id : name,
            Resources = new Resources { CpuMillis = 500, MemoryBytes = 64L << 20 },
        };
        spec.Command.AddRange(command.Length == 0 ? ["/bin/echo", "hello"] : command);
        return new Assignment { WorkloadId = id, Spec = spec };
    }

    public static AssignmentSet Set(long version, params Assignment[] assignments)
    {
        var set = new AssignmentSet { Version = version };
        set.Assignments.AddRange(assignments);
        return set;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var reconciler in _reconcilers)
            {
                await reconciler.DisposeAsync();
            }

            await _services.DisposeAsync();
        }
        finally
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
