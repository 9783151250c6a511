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
        var json = parseResult.GetValue(_options.Output) == OutputOption.Json;
        var sort = parseResult.GetRequiredValue(_options.Sort);
        var request = new ListWorkloadUsageRequest { Node = parseResult.GetValue(_node) ?? string.Empty };
        return await LiveView.RunAsync(
            async (stream, cancellation) =>
            {
                var response = await connection.Usage.ListWorkloadUsageAsync(request, deadline: FleetConnection.Deadline(), cancellationToken: cancellation);
                var sorted = WorkloadUsageTable.Sort(response.Workloads, sort).ToList();
                if (json)
                {
                    var ordered = new ListWorkloadUsageResponse();
                    ordered.Workloads.AddRange(sorted);
                    ProtoJson.Write(ordered, Context.Output);
                    return;
                }

                if (stream)
                {
                    Context.Output.Write(LiveView.ClearScreen);
                }

                WorkloadUsageTable.Write(sorted, Context.Output);
                await Context.Output.FlushAsync(cancellation);
            },
            !parseResult.GetValue(_options.NoStream),
            TimeSpan.FromSeconds(parseResult.GetValue(_options.Interval)),
            cancellationToken);
    }
}
