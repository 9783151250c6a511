using System.CommandLine;
using Fleet.Cli.Api;
using Fleet.Cli.Output;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet nodes</c>: every node, one line each.</summary>
internal sealed class NodesCommand : FleetCommand
{
    private readonly Option<string> _output = OutputOption.Create("table");

    public NodesCommand(CliContext context)
        : base("nodes", "List the nodes: ID ADDRESS CAPACITY ALLOCATED (cpu/memory) STATE LAST-HEARTBEAT", context)
    {
        Options.Add(_output);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var connection = Connect(parseResult);
        var nodes = await connection.Nodes.ListNodesAsync(
            new ListNodesRequest(), deadline: FleetConnection.Deadline(), cancellationToken: cancellationToken);
        if (parseResult.GetValue(_output) == OutputOption.Json)
        {
            ProtoJson.Write(nodes, Context.Output);
            return ExitCodes.Ok;
        }

        var table = new TextTable("ID", "ADDRESS", "CAPACITY", "ALLOCATED", "STATE", "LAST-HEARTBEAT");
        var now = Context.Now;
        foreach (var node in nodes.Nodes)
        {
            table.Add(
                node.Id,
                node.Address,
                ResourceText.Of(node.Capacity),
                ResourceText.Of(node.Allocated),
                StateText.Of(node.State),
                node.LastHeartbeat is null ? "never" : Age.Since(node.LastHeartbeat, now) + " ago");
        }

        table.Write(Context.Output);
        return ExitCodes.Ok;
    }
}
