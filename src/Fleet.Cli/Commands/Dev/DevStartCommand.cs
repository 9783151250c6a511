using System.CommandLine;
using System.Diagnostics;
using Fleet.Cli.Api;
using Fleet.Cli.Dev;

namespace Fleet.Cli.Commands.Dev;

/// <summary>
/// <c>fleet dev start</c>: starts a control plane and one agent from the published binaries, in the
/// background, on their default ports; a dev node already running from the same data directory is
/// stopped first, so running it twice works.
/// </summary>
internal sealed class DevStartCommand : FleetCommand
{
    private const int LogTailLines = 20;

    private readonly Option<string> _dataDirectory = DevCommand.DataDirectoryOption();

    private readonly Option<string?> _binDirectory = new("--bin-dir")
    {
        Description = $"The directory holding controlplane/fleet-controlplane and agent/fleet-agent [default: ${BinDirectory.EnvironmentVariable}, else the directory above fleet's own]",
        HelpName = "DIR",
    };

    public DevStartCommand(CliContext context)
        : base("start", "Start a control plane and one agent in the background (stopping a running dev node first)", context)
    {
        Options.Add(_dataDirectory);
        Options.Add(_binDirectory);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var layout = new DevLayout(Path.GetFullPath(parseResult.GetRequiredValue(_dataDirectory)));
        var binDirectory = BinDirectory.Resolve(
            parseResult.GetValue(_binDirectory),
            Context.Environment.GetVariable(BinDirectory.EnvironmentVariable),
            Context.Environment.ExecutableDirectory);
        foreach (var component in DevComponent.All.Where(c => !File.Exists(c.ExecutablePath(binDirectory))))
        {
            throw CommandFailedException.Usage(
                $"--bin-dir: no {component.ProgramName} at {component.ExecutablePath(binDirectory)}: build Fleet first (see the README), " +
                $"or point --bin-dir or ${BinDirectory.EnvironmentVariable} at the directory holding controlplane/ and agent/");
        }

        var time = Context.Environment.Time;
        var node = new DevNode(layout, new ProcessTable(), time);
        foreach (var (component, pid) in await node.StopAsync(cancellationToken))
        {
            await Context.Output.WriteLineAsync($"stopped the {component.DisplayName} of the dev node already running (pid {pid})");
        }

        layout.CreateDirectories();
        using var connection = new FleetConnection(new Uri(ServerAddress.Default));
        var readiness = new DevReadiness(connection, time);
        var deadline = time.GetUtcNow() + DevReadiness.Timeout;
        var launched = new List<(DevComponent Component, Process Process)>();
        try
        {
            // The agent registers as soon as it starts: give it a control plane that answers.
            launched.Add((DevComponent.ControlPlane, node.Launch(DevComponent.ControlPlane, binDirectory)));
            var outcome = await readiness.WaitAsync(launched, needNode: false, deadline, cancellationToken);
            if (outcome.Failure is null)
            {
                launched.Add((DevComponent.Agent, node.Launch(DevComponent.Agent, binDirectory)));
                outcome = await readiness.WaitAsync(launched, needNode: true, deadline, cancellationToken);
            }

            if (outcome.Failure is not null)
            {
                await node.StopAsync(Pids(launched), CancellationToken.None);
                await WriteLogTailsAsync(layout, launched.Select(l => l.Component));
                throw new CommandFailedException(ExitCodes.Unavailable,
                    $"the dev node did not come up: {outcome.Failure}; stopped it (logs in {layout.LogDirectory})");
            }

            await WriteSummaryAsync(layout, launched, outcome.Node!, parseResult.GetValue(_dataDirectory) != DevLayout.DefaultDataDirectory);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is OperationCanceledException or Grpc.Core.RpcException && cancellationToken.IsCancellationRequested)
        {
            // Interrupted half-way: leave nothing behind.
            await node.StopAsync(Pids(launched), CancellationToken.None);
            throw;
        }
        finally
        {
            foreach (var (_, process) in launched)
            {
                process.Dispose();
            }
        }
    }

    private static List<(DevComponent Component, int Pid)> Pids(List<(DevComponent Component, Process Process)> launched) =>
        [.. launched.Select(l => (l.Component, l.Process.Id))];

    private async Task WriteSummaryAsync(DevLayout layout, List<(DevComponent Component, Process Process)> launched, Contracts.V1.Node node, bool customDataDirectory)
    {
        var output = Context.Output;
        await output.WriteLineAsync("Fleet is running on this machine:");
        foreach (var (component, process) in launched)
        {
            await output.WriteLineAsync($"  {component.DisplayName + ":",-15}pid {process.Id}, log {layout.LogFile(component)}");
        }

        await output.WriteLineAsync($"  {"API:",-15}{ServerAddress.Default}");
        await output.WriteLineAsync($"  {"node:",-15}{node.Id} ({node.Address})");
        await output.WriteLineAsync($"  {"data:",-15}{layout.DataDirectory}");
        var dataFlag = customDataDirectory ? $" --data-dir {layout.DataDirectory}" : "";
        await output.WriteLineAsync($"stop it with: fleet dev stop{dataFlag}");
    }

    private async Task WriteLogTailsAsync(DevLayout layout, IEnumerable<DevComponent> components)
    {
        foreach (var component in components)
        {
            var log = layout.LogFile(component);
            if (!File.Exists(log))
            {
                continue;
            }

            var lines = await File.ReadAllLinesAsync(log);
            var thisRun = lines.Skip(Array.FindLastIndex(lines, l => l.StartsWith(DevNode.RunMarker, StringComparison.Ordinal)) + 1);
            await Context.Error.WriteLineAsync($"--- last lines of {log} ---");
            foreach (var line in thisRun.TakeLast(LogTailLines))
            {
                await Context.Error.WriteLineAsync(line);
            }
        }
    }
}
