using System.CommandLine;

namespace Fleet.Cli.Commands;

/// <summary>The ID|NAME argument of the commands that name one workload; the control plane resolves either.</summary>
internal static class WorkloadArgument
{
    public static Argument<string> Create() => new("workload")
    {
        Description = "The workload's id or name",
        HelpName = "ID|NAME",
    };
}
