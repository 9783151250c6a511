using System.CommandLine;
using Fleet.Cli.Api;
using Fleet.Cli.Output;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet top</c>: a live table of what every running workload uses, like <c>docker stats</c>; <c>fleet top nodes</c> for the nodes.</summary>
internal sealed class TopCommand : FleetCommand
{
    private readonly TopOptions _options = new();
    private readonly Option<string?> _node = new("--node")
    {
        Description = "Only the workloads on this node",
        HelpName = "NODE",
    };

    public TopCommand(CliContext context)
        : base("top", "Show what running workloads use, refreshing: ID NAME NODE CPU % MEM USAGE / LIMIT MEM % NET I/O BLOCK I/O PIDS THROTTLED", context)
    {
        _options.AddTo(this);
        Options.Add(_node);
        Subcommands.Add(new TopNodesCommand(context));
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var connection = Connect(parseResult);
        var request = new ListWorkloadUsageRequest { Node = parseResult.GetValue(_node) ?? string.Empty };
        return await _options.RunAsync(
            parseResult,
            Context.Output,
            async (sort, cancellation) =>
            {
                var response = await connection.Usage.ListWorkloadUsageAsync(request, deadline: FleetConnection.Deadline(), cancellationToken: cancellation);
                var sorted = new ListWorkloadUsageResponse();
                sorted.Workloads.AddRange(WorkloadUsageTable.Sort(response.Workloads, sort));
                return sorted;
            },
            (rows, output) => WorkloadUsageTable.Write(rows.Workloads, output),
            cancellationToken);
    }
}
