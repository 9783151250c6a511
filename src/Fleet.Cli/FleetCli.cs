using System.CommandLine;
using System.CommandLine.Invocation;
using Fleet.Cli.Commands;
using Fleet.Cli.Commands.Dev;

namespace Fleet.Cli;

/// <summary>The <c>fleet</c> command line, callable in-process (tests do) as well as from <c>Program</c>.</summary>
public static class FleetCli
{
    /// <summary>Set to 1 to print the stack trace of an internal error.</summary>
    public const string DebugVariable = "FLEET_DEBUG";

    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="output">Where results go (the process's stdout).</param>
    /// <param name="error">Where errors go, as <c>error: …</c> lines (the process's stderr).</param>
    /// <param name="environment">Environment variables, clock and executable location; default: the real ones.</param>
    /// <param name="cancellationToken">Cancelling it (Ctrl+C) ends the command with <see cref="ExitCodes.Interrupted"/>.</param>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        CliEnvironment? environment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var context = new CliContext(output, error, environment ?? CliEnvironment.System);
        var parseResult = CreateRootCommand(context).Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            return UsageError(parseResult, error);
        }

        try
        {
            return await parseResult.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = output,
                    Error = error,
                    EnableDefaultExceptionHandler = false,
                    // Program handles SIGINT/SIGTERM itself and cancels cancellationToken.
                    ProcessTerminationTimeout = null,
                },
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The stack trace is for bug reports, not for every user.
            var detail = (environment ?? CliEnvironment.System).GetVariable(DebugVariable) == "1"
                ? exception.ToString()
                : $"{exception.GetType().Name}: {exception.Message} (set {DebugVariable}=1 for the stack trace)";
            await error.WriteLineAsync($"error: internal error in fleet: {detail}");
            return ExitCodes.Internal;
        }
    }

    internal static RootCommand CreateRootCommand(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("fleet: run workloads in jails across a fleet of Linux hosts")
        {
            new RunCommand(context),
            new PsCommand(context),
            new GetCommand(context),
            new LogsCommand(context),
            new StopCommand(context),
            new NodesCommand(context),
            new TopCommand(context),
            new DevCommand(context),
        };
        root.Options.Add(context.Server);
        return root;
    }

    private static int UsageError(ParseResult parseResult, TextWriter error)
    {
        foreach (var parseError in parseResult.Errors)
        {
            error.WriteLine($"error: {Describe(parseError)}");
        }

        var names = new List<string>();
        for (var command = parseResult.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, command.Command is RootCommand ? "fleet" : command.Command.Name);
        }

        var path = string.Join(' ', names);
        error.WriteLine($"run '{path} --help' for usage");
        return ExitCodes.Usage;
    }

    /// <summary>The parser's message, led by the option it is about when the message does not name it already.</summary>
    private static string Describe(System.CommandLine.Parsing.ParseError parseError)
    {
        // One line: the parser lists allowed values on lines of their own.
        var message = string.Join(' ', parseError.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var option = parseError.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult o => o.Option,
            System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option,
            _ => null,
        };
        return option is not null && !message.Contains(option.Name, StringComparison.Ordinal) ? $"{option.Name}: {message}" : message;
    }
}
