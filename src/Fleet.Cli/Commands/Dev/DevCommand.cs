using System.CommandLine;

namespace Fleet.Cli.Commands.Dev;

/// <summary><c>fleet dev</c>: a single-node Fleet on this machine, for trying Fleet out and for development.</summary>
internal sealed class DevCommand : Command
{
    public DevCommand(CliContext context)
        : base("dev", "Run a single-node Fleet (control plane + one agent) on this machine in the background")
    {
        Subcommands.Add(new DevStartCommand(context));
        Subcommands.Add(new DevStopCommand(context));
    }

    /// <summary>The <c>--data-dir</c> option both subcommands share.</summary>
    public static Option<string> DataDirectoryOption() => new("--data-dir")
    {
        Description = "Where the dev node keeps its state, logs and pid files",
        HelpName = "DIR",
        DefaultValueFactory = _ => Fleet.Cli.Dev.DevLayout.DefaultDataDirectory,
    };
}
