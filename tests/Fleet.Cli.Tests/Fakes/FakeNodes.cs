using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.Cli.Tests.Fakes;

/// <summary>The public Nodes API with canned answers.</summary>
public sealed class FakeNodes : Nodes.NodesBase
{
    public List<Node> Stored { get; } = [];

    public Exception? Failure { get; set; }

    public override Task<ListNodesResponse> ListNodes(ListNodesRequest request, ServerCallContext context)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        return Task.FromResult(new ListNodesResponse { Nodes = { Stored } });
    }

    public override Task<Node> GetNode(GetNodeRequest request, ServerCallContext context) =>
        Task.FromResult(Stored.FirstOrDefault(n => n.Id == request.Node)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"node '{request.Node}' not found")));
}
