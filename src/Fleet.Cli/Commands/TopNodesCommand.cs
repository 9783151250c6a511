using System.CommandLine;
using Fleet.Cli.Api;
using Fleet.Cli.Output;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet top nodes</c>: each node's used CPU and memory against its allocatable share, refreshing.</summary>
internal sealed class TopNodesCommand : FleetCommand
{
    private readonly TopOptions _options = new();

    public TopNodesCommand(CliContext context)
        : base("nodes", "Show what each node's workloads use: NODE CPU(cores) CPU% MEMORY MEMORY% ALLOCATED ALLOCATABLE CAPACITY WORKLOADS HOST", context)
    {
        _options.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var connection = Connect(parseResult);
        return await _options.RunAsync(
            parseResult,
            Context.Output,
            async (sort, cancellation) =>
            {
                var response = await connection.Usage.ListNodeUsageAsync(new ListNodeUsageRequest(), deadline: FleetConnection.Deadline(), cancellationToken: cancellation);
                var sorted = new ListNodeUsageResponse();
                sorted.Nodes.AddRange(NodeUsageTable.Sort(response.Nodes, sort));
                return sorted;
            },
            (rows, output) => NodeUsageTable.Write(rows.Nodes, output),
            cancellationToken);
    }
}
