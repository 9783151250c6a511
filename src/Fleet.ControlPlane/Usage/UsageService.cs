using Fleet.ControlPlane.Api;
using Fleet.ControlPlane.Workloads;
using Fleet.Grains;
using Grpc.Core;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Usage;

/// <summary>
/// The public usage API: an adapter over the in-memory <see cref="UsageStore"/> (recent samples)
/// and the workload grains (the durable final accounting).
/// </summary>
internal sealed class UsageService(IGrainFactory grains, UsageStore store, TimeProvider time) : Proto.Usage.UsageBase
{
    public override async Task<Proto.WorkloadUsageReport> GetWorkloadUsage(Proto.GetWorkloadUsageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workload = await grains.GetWorkload(request.Workload, "workload");
        var report = new Proto.WorkloadUsageReport { WorkloadId = workload.Id, NodeId = workload.NodeId ?? string.Empty };
        report.Recent.AddRange(store.Recent(workload.Id));
        if (workload.Phase is WorkloadPhase.Exited or WorkloadPhase.Failed or WorkloadPhase.Stopped)
        {
            if (workload.FinalUsage is { } final)
            {
                report.Final = final.ToProto();
            }
        }
        else
        {
            report.Latest = store.Latest(workload.Id);
        }

        return report;
    }

    public override Task<Proto.ListWorkloadUsageResponse> ListWorkloadUsage(Proto.ListWorkloadUsageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new Proto.ListWorkloadUsageResponse();
        response.Workloads.AddRange(store.Running(request.Node));
        return Task.FromResult(response);
    }

    public override async Task<Proto.NodeUsageReport> GetNodeUsage(Proto.GetNodeUsageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Node))
        {
            throw RpcErrors.InvalidArgument("node", "must name a node");
        }

        var latest = store.LatestNode(request.Node);
        if (latest is null && await grains.GetGrain<INodeGrain>(request.Node).Get() is null)
        {
            throw RpcErrors.NotFound($"node '{request.Node}' not found");
        }

        var report = new Proto.NodeUsageReport { Latest = latest };
        report.Recent.AddRange(store.RecentNode(request.Node));
        return report;
    }

    public override Task<Proto.ListNodeUsageResponse> ListNodeUsage(Proto.ListNodeUsageRequest request, ServerCallContext context)
    {
        var response = new Proto.ListNodeUsageResponse();
        response.Nodes.AddRange(store.Nodes().OrderBy(node => node.NodeId, StringComparer.Ordinal));
        return Task.FromResult(response);
    }

    public override Task<Proto.TenantUsage> GetTenantUsage(Proto.GetTenantUsageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = string.IsNullOrEmpty(request.Tenant) ? TenantUsageRollup.DefaultTenant : request.Tenant;
        if (tenant != TenantUsageRollup.DefaultTenant)
        {
            throw RpcErrors.NotFound($"tenant '{tenant}' not found: every workload belongs to '{TenantUsageRollup.DefaultTenant}' until namespaces exist");
        }

        return Task.FromResult(TenantUsageRollup.Sum(tenant, store.Running(), time.GetUtcNow()));
    }

    public override async Task WatchUsage(Proto.WatchUsageRequest request, IServerStreamWriter<Proto.UsageUpdate> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var workloadId = string.IsNullOrEmpty(request.Workload) ? null : await grains.ResolveWorkloadId(request.Workload, "workload");
        var cancellation = context.CancellationToken;
        using var watcher = store.Watch(workloadId, request.Node);
        try
        {
            await foreach (var update in watcher.Reader.ReadAllAsync(cancellation))
            {
                await responseStream.WriteAsync(update, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away.
        }
    }
}
