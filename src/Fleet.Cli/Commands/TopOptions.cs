using System.CommandLine;
using Fleet.Cli.Output;
using Google.Protobuf;

namespace Fleet.Cli.Commands;

/// <summary>The options <c>fleet top</c> and <c>fleet top nodes</c> share.</summary>
internal sealed class TopOptions
{
    public Option<bool> NoStream { get; } = new("--no-stream")
    {
        Description = "Print one table and exit, instead of refreshing until Ctrl+C",
    };

    public Option<string> Sort { get; } = CreateSort();

    public Option<double> Interval { get; } = CreateInterval();

    public Option<string> Output { get; } = OutputOption.Create("table");

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(NoStream);
        command.Options.Add(Sort);
        command.Options.Add(Interval);
        command.Options.Add(Output);
    }

    /// <summary>
    /// Runs the live view these options describe: each frame fetches the rows already sorted by
    /// <see cref="Sort"/>, then prints them as JSON or, after clearing the screen when refreshing, as a table.
    /// </summary>
    public Task<int> RunAsync<TResponse>(
        ParseResult parseResult,
        TextWriter output,
        Func<string, CancellationToken, Task<TResponse>> fetchSorted,
        Action<TResponse, TextWriter> writeTable,
        CancellationToken cancellationToken)
        where TResponse : IMessage
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var json = parseResult.GetValue(Output) == OutputOption.Json;
        var sort = parseResult.GetRequiredValue(Sort);
        return LiveView.RunAsync(
            async (stream, cancellation) =>
            {
                var rows = await fetchSorted(sort, cancellation);
                if (json)
                {
                    ProtoJson.Write(rows, output);
                    return;
                }

                if (stream)
                {
                    output.Write(LiveView.ClearScreen);
                }

                writeTable(rows, output);
                await output.FlushAsync(cancellation);
            },
            !parseResult.GetValue(NoStream),
            TimeSpan.FromSeconds(parseResult.GetValue(Interval)),
            cancellationToken);
    }

    private static Option<double> CreateInterval()
    {
        var option = new Option<double>("--interval")
        {
            Description = "Seconds between refreshes [default: 2]",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 2,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 3600)
            {
                result.AddError("--interval must be more than 0 and at most 3600 seconds");
            }
        });
        return option;
    }

    private static Option<string> CreateSort()
    {
        var option = new Option<string>("--sort")
        {
            Description = "Order rows by cpu, memory (heaviest first) or name [default: cpu]",
            HelpName = "KEY",
            DefaultValueFactory = _ => "cpu",
        };
        option.AcceptOnlyFromAmong("cpu", "memory", "name");
        return option;
    }
}
