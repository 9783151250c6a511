using System.CommandLine;
using Fleet.Cli.Dev;

namespace Fleet.Cli.Commands.Dev;

/// <summary>
/// <c>fleet dev stop</c>: SIGTERM to the dev node's recorded processes, SIGKILL after 15 s, pid files
/// removed. Not an error when nothing was running.
/// </summary>
internal sealed class DevStopCommand : FleetCommand
{
    private readonly Option<string> _dataDirectory = DevCommand.DataDirectoryOption();

    public DevStopCommand(CliContext context)
        : base("stop", "Stop the dev node started by fleet dev start", context)
    {
        Options.Add(_dataDirectory);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var layout = new DevLayout(Path.GetFullPath(parseResult.GetRequiredValue(_dataDirectory)));
        var stopped = await new DevNode(layout, new ProcessTable(), Context.Environment.Time).StopAsync(cancellationToken);
        if (stopped.Count == 0)
        {
            await Context.Output.WriteLineAsync($"no dev node was running (no live process recorded in {layout.PidDirectory})");
        }

        foreach (var (component, pid) in stopped)
        {
            await Context.Output.WriteLineAsync($"stopped the {component.DisplayName} (pid {pid})");
        }

        return ExitCodes.Ok;
    }
}
