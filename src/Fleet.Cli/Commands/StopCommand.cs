using System.CommandLine;
using Fleet.Cli.Api;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet stop</c>: asks the workload's node to stop it; prints its id.</summary>
internal sealed class StopCommand : FleetCommand
{
    private readonly Argument<string> _workload = WorkloadArgument.Create();

    public StopCommand(CliContext context)
        : base("stop", "Stop a workload (returns at once; watch it with fleet get) and print its id", context)
    {
        Arguments.Add(_workload);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var connection = Connect(parseResult);
        var workload = await connection.Workloads.StopWorkloadAsync(
            new StopWorkloadRequest { Workload = parseResult.GetRequiredValue(_workload) },
            deadline: FleetConnection.Deadline(), cancellationToken: cancellationToken);
        await Context.Output.WriteLineAsync(workload.Id);
        return ExitCodes.Ok;
    }
}
