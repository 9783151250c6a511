using System.CommandLine;
using Fleet.Cli.Api;
using Grpc.Core;

namespace Fleet.Cli.Commands;

/// <summary>
/// A <c>fleet</c> subcommand. Subclasses do the work in <see cref="ExecuteAsync"/> and throw
/// <see cref="CommandFailedException"/> (or let an <see cref="RpcException"/> through); this class
/// prints <c>error: …</c> and turns every failure into its row of <see cref="ExitCodes"/>.
/// </summary>
internal abstract class FleetCommand : Command
{
    protected FleetCommand(string name, string description, CliContext context)
        : base(name, description)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        SetAction(RunAsync);
    }

    protected CliContext Context { get; }

    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken);

    /// <summary>Opens a connection to the control plane named by <c>--server</c>/<c>FLEET_ADDR</c>.</summary>
    protected FleetConnection Connect(ParseResult parseResult) => new(Context.ResolveServer(parseResult));

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(parseResult, cancellationToken);
        }
        catch (CommandFailedException failure)
        {
            return Fail(failure);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (RpcException rpc)
        {
            return Fail(RpcFailure.ToCommandFailure(rpc, Context.ResolveServer(parseResult)));
        }
    }

    private int Fail(CommandFailedException failure)
    {
        foreach (var line in failure.Lines)
        {
            Context.Error.WriteLine($"error: {line}");
        }

        return failure.ExitCode;
    }
}
