using System.Collections.Concurrent;
using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.Cli.Tests.Fakes;

/// <summary>The public Usage API with canned answers.</summary>
public sealed class FakeUsage : Fleet.Contracts.V1.Usage.UsageBase
{
    public List<WorkloadUsage> Workloads { get; } = [];

    public List<NodeUsage> Nodes { get; } = [];

    /// <summary>Reports by workload id; a workload without one gets an empty report.</summary>
    public ConcurrentDictionary<string, WorkloadUsageReport> Reports { get; } = new();

    public int ListCalls => _listCalls;

    private int _listCalls;

    public override Task<ListWorkloadUsageResponse> ListWorkloadUsage(ListWorkloadUsageRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref _listCalls);
        var response = new ListWorkloadUsageResponse();
        response.Workloads.AddRange(Workloads.Where(w => request.Node.Length == 0 || w.NodeId == request.Node));
        return Task.FromResult(response);
    }

    public override Task<ListNodeUsageResponse> ListNodeUsage(ListNodeUsageRequest request, ServerCallContext context) =>
        Task.FromResult(new ListNodeUsageResponse { Nodes = { Nodes } });

    public override Task<WorkloadUsageReport> GetWorkloadUsage(GetWorkloadUsageRequest request, ServerCallContext context) =>
        Task.FromResult(Reports.TryGetValue(request.Workload, out var report) ? report : new WorkloadUsageReport { WorkloadId = request.Workload });
}
