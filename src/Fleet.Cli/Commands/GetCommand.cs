using System.CommandLine;
using Fleet.Cli.Api;
using Fleet.Cli.Output;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet get</c>: one workload in full: spec, state, node, exit code, reason, history.</summary>
internal sealed class GetCommand : FleetCommand
{
    private readonly Argument<string> _workload = WorkloadArgument.Create();
    private readonly Option<string> _output = OutputOption.Create("text");

    public GetCommand(CliContext context)
        : base("get", "Show a workload: spec, state, node, exit code, reason and state history", context)
    {
        Arguments.Add(_workload);
        Options.Add(_output);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var connection = Connect(parseResult);
        var workload = await connection.Workloads.GetWorkloadAsync(
            new GetWorkloadRequest { Workload = parseResult.GetRequiredValue(_workload) },
            deadline: FleetConnection.Deadline(), cancellationToken: cancellationToken);
        if (parseResult.GetValue(_output) == OutputOption.Json)
        {
            ProtoJson.Write(workload, Context.Output);
        }
        else
        {
            WorkloadText.Write(workload, Context.Now, Context.Output);
        }

        return ExitCodes.Ok;
    }
}
