using Fleet.ControlPlane.Api;
using Fleet.Grains;
using Grpc.Core;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Nodes;

/// <summary>The public node API: the node index's view for listing, the node grain for one node.</summary>
internal sealed class NodesService(IGrainFactory grains) : Proto.Nodes.NodesBase
{
    public override async Task<Proto.ListNodesResponse> ListNodes(Proto.ListNodesRequest request, ServerCallContext context)
    {
        var nodes = await grains.GetGrain<INodeIndexGrain>(INodeIndexGrain.Key).List();
        var response = new Proto.ListNodesResponse();
        response.Nodes.AddRange(nodes.OrderBy(node => node.Id, StringComparer.Ordinal).Select(node => node.ToProto()));
        return response;
    }

    public override async Task<Proto.Node> GetNode(Proto.GetNodeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Node))
        {
            throw RpcErrors.InvalidArgument("node", "must name a node by its id");
        }

        var node = await grains.GetGrain<INodeGrain>(request.Node).Get()
            ?? throw RpcErrors.NotFound($"node '{request.Node}' not found");
        return node.ToProto();
    }
}
