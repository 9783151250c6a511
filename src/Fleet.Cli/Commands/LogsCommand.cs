using System.CommandLine;
using Fleet.Cli.Api;
using Fleet.Cli.Output;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet logs</c>: a workload's stdout to our stdout, its stderr to our stderr.</summary>
internal sealed class LogsCommand : FleetCommand
{
    private readonly Argument<string> _workload = WorkloadArgument.Create();

    private readonly Option<bool> _follow = new("--follow", "-f")
    {
        Description = "Keep streaming new output until the workload ends",
    };

    public LogsCommand(CliContext context)
        : base("logs", "Print a workload's output (stdout and stderr, each to its own)", context)
    {
        Arguments.Add(_workload);
        Options.Add(_follow);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var connection = Connect(parseResult);
        await WorkloadLogs.CopyAsync(
            connection,
            parseResult.GetRequiredValue(_workload),
            parseResult.GetValue(_follow),
            new LogSink(Context.Output, Context.Error),
            cancellationToken);
        return ExitCodes.Ok;
    }
}
