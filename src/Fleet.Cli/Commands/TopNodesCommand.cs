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
        var json = parseResult.GetValue(_options.Output) == OutputOption.Json;
        var sort = parseResult.GetRequiredValue(_options.Sort);
        return await LiveView.RunAsync(
            async (stream, cancellation) =>
            {
                var response = await connection.Usage.ListNodeUsageAsync(new ListNodeUsageRequest(), deadline: FleetConnection.Deadline(), cancellationToken: cancellation);
                var sorted = NodeUsageTable.Sort(response.Nodes, sort).ToList();
                if (json)
                {
                    var ordered = new ListNodeUsageResponse();
                    ordered.Nodes.AddRange(sorted);
                    ProtoJson.Write(ordered, Context.Output);
                    return;
                }

                if (stream)
                {
                    Context.Output.Write(LiveView.ClearScreen);
                }

                NodeUsageTable.Write(sorted, Context.Output);
                await Context.Output.FlushAsync(cancellation);
            },
            !parseResult.GetValue(_options.NoStream),
            TimeSpan.FromSeconds(parseResult.GetValue(_options.Interval)),
            cancellationToken);
    }
}
