namespace Fleet.Cli.Commands;

/// <summary>
/// The refresh loop of <c>fleet top</c>: draw, wait, draw again until Ctrl+C, which ends a live
/// view normally (exit 0). Each frame of the table view starts by clearing the terminal, as
/// <c>docker stats</c> does; JSON frames follow one another.
/// </summary>
internal static class LiveView
{
    /// <summary>Moves the cursor home and clears the screen (ANSI).</summary>
    public const string ClearScreen = "\u001b[H\u001b[2J";

    public static async Task<int> RunAsync(Func<bool, CancellationToken, Task> drawFrame, bool stream, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drawFrame);
        if (!stream)
        {
            await drawFrame(false, cancellationToken);
            return ExitCodes.Ok;
        }

        try
        {
            while (true)
            {
                await drawFrame(true, cancellationToken);
                await Task.Delay(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
    }
}
