using Fleet.ControlPlane.Api;
using Fleet.Grains;

namespace Fleet.ControlPlane.Workloads;

/// <summary>Finds the workload a request names by id or name, or fails the call the way the API documents.</summary>
internal static class WorkloadResolution
{
    /// <summary>The id of the named workload; <c>INVALID_ARGUMENT</c> on <paramref name="field"/> when empty, <c>NOT_FOUND</c> when unknown.</summary>
    public static async Task<string> ResolveWorkloadId(this IGrainFactory grains, string idOrName, string field)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (string.IsNullOrWhiteSpace(idOrName))
        {
            throw RpcErrors.InvalidArgument(field, "must name a workload by its id or name");
        }

        return await grains.GetGrain<IWorkloadIndexGrain>(IWorkloadIndexGrain.Key).Resolve(idOrName)
            ?? throw NotFound(idOrName);
    }

    /// <summary>The named workload as its grain records it; the same failures as <see cref="ResolveWorkloadId"/>.</summary>
    public static async Task<WorkloadSnapshot> GetWorkload(this IGrainFactory grains, string idOrName, string field)
    {
        var id = await grains.ResolveWorkloadId(idOrName, field);
        return await grains.GetGrain<IWorkloadGrain>(id).Get() ?? throw NotFound(idOrName);
    }

    public static Grpc.Core.RpcException NotFound(string idOrName) =>
        RpcErrors.NotFound($"workload '{idOrName}' not found");
}
