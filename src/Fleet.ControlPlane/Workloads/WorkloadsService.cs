using System.Diagnostics;
using Fleet.ControlPlane.Api;
using Fleet.ControlPlane.Telemetry;
using Fleet.Domain;
using Fleet.Grains;
using Grpc.Core;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Workloads;

/// <summary>
/// The public workload API, an adapter: validate the request, map it to the grains' records,
/// call the grains, map the answer back. The grains hold every rule about state.
/// </summary>
internal sealed partial class WorkloadsService(
    IGrainFactory grains,
    ControlPlaneTelemetry telemetry,
    WorkloadEventFeed events,
    WorkloadLogRelay logs,
    ILogger<WorkloadsService> logger) : Proto.Workloads.WorkloadsBase
{
    /// <summary>The page size of a list request that gives none.</summary>
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    public override async Task<Proto.Workload> SubmitWorkload(Proto.SubmitWorkloadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = telemetry.ActivitySource.StartActivity("fleet.workload.submit");
        var id = WorkloadIds.New();
        var definition = WorkloadMapping.ToDefinition(request.Spec, WorkloadIds.DefaultName(id));
        activity?.SetTag("fleet.workload.id", id);
        activity?.SetTag("fleet.workload.name", definition.Name);

        var nodes = await grains.GetGrain<INodeIndexGrain>(INodeIndexGrain.Key).List();
        var violations = WorkloadValidation.Validate(definition, nodes.ToClusterLimits());
        if (violations.Count > 0)
        {
            telemetry.RecordSubmission(SubmissionOutcome.Rejected);
            activity?.SetStatus(ActivityStatusCode.Error, "invalid spec");
            var invalid = RpcErrors.InvalidArgument(violations);
            LogRejected(logger, definition.Name, invalid.Status.Detail);
            throw invalid;
        }

        var outcome = await grains.GetGrain<IWorkloadGrain>(id).Submit(definition.ToGrainSpec());
        if (outcome.NameTakenBy is { } holder)
        {
            telemetry.RecordSubmission(SubmissionOutcome.NameTaken);
            activity?.SetStatus(ActivityStatusCode.Error, "name taken");
            LogNameTaken(logger, definition.Name, holder);
            throw RpcErrors.AlreadyExists($"spec.name: a workload named '{definition.Name}' already exists ({holder})");
        }

        var workload = outcome.Workload
            ?? throw new InvalidOperationException($"workload grain {id} neither stored the workload nor named the holder of its name");
        telemetry.RecordSubmission(SubmissionOutcome.Accepted);
        activity?.SetTag("fleet.workload.state", workload.Phase.ToString());
        LogAccepted(logger, workload.Id, workload.Spec.Name, workload.Phase, workload.NodeId ?? "(none)");
        return workload.ToProto();
    }

    public override async Task<Proto.Workload> GetWorkload(Proto.GetWorkloadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workload = await grains.GetWorkload(request.Workload, "workload");
        return workload.ToProto();
    }

    public override async Task<Proto.Workload> StopWorkload(Proto.StopWorkloadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = await grains.ResolveWorkloadId(request.Workload, "workload");
        var workload = await grains.GetGrain<IWorkloadGrain>(id).Stop() ?? throw WorkloadResolution.NotFound(request.Workload);
        LogStopRequested(logger, workload.Id, workload.Phase);
        return workload.ToProto();
    }

    public override async Task<Proto.ListWorkloadsResponse> ListWorkloads(Proto.ListWorkloadsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw RpcErrors.InvalidArgument("page_size", $"must be between 0 and {MaxPageSize} (0 means {DefaultPageSize}); was {request.PageSize}");
        }

        WorkloadPage page;
        try
        {
            page = await grains.GetGrain<IWorkloadIndexGrain>(IWorkloadIndexGrain.Key).List(
                request.PageSize == 0 ? DefaultPageSize : request.PageSize,
                request.PageToken.Length == 0 ? null : request.PageToken);
        }
        catch (ArgumentException) when (request.PageToken.Length > 0)
        {
            // The index refuses tokens it did not hand out.
            throw RpcErrors.InvalidArgument("page_token", "is not a next_page_token this server handed out; start again without one");
        }

        var workloads = await Task.WhenAll(page.Ids.Select(id => grains.GetGrain<IWorkloadGrain>(id).Get()));

        var response = new Proto.ListWorkloadsResponse { NextPageToken = page.NextPageToken ?? "" };
        response.Workloads.AddRange(workloads.OfType<WorkloadSnapshot>().Select(workload => workload.ToProto()));
        return response;
    }

    public override Task WatchWorkloadEvents(
        Proto.WatchWorkloadEventsRequest request, IServerStreamWriter<Proto.WorkloadEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return events.Stream(request.Workload, responseStream, context.CancellationToken);
    }

    public override Task StreamLogs(Proto.StreamLogsRequest request, IServerStreamWriter<Proto.LogChunk> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return logs.Relay(request.Workload, request.Follow, responseStream, context.CancellationToken);
    }
}
