using System.CommandLine;
using Fleet.Cli.Api;

namespace Fleet.Cli.Commands;

/// <summary>What every command shares: where to write, the machine it runs on, and the global <c>--server</c> option.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, CliEnvironment environment)
    {
        Output = output;
        Error = error;
        Environment = environment;
        Server = new Option<string?>("--server")
        {
            Description = $"The control plane's gRPC address [default: ${ServerAddress.EnvironmentVariable}, else {ServerAddress.Default}]",
            HelpName = "URL",
            Recursive = true,
        };
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public CliEnvironment Environment { get; }

    /// <summary>The global <c>--server URL</c> option, on the root command and every subcommand.</summary>
    public Option<string?> Server { get; }

    public DateTimeOffset Now => Environment.Time.GetUtcNow();

    public Uri ResolveServer(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return ServerAddress.Resolve(parseResult.GetValue(Server), Environment.GetVariable(ServerAddress.EnvironmentVariable));
    }
}
