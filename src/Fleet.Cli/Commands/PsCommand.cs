using System.CommandLine;
using Fleet.Cli.Api;
using Fleet.Cli.Output;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet ps</c>: every workload, newest first, one line each.</summary>
internal sealed class PsCommand : FleetCommand
{
    // Fewer round trips than the server's default of 100; the server caps pages at 1000.
    private const int PageSize = 500;

    private readonly Option<string> _output = OutputOption.Create("table");

    public PsCommand(CliContext context)
        : base("ps", "List all workloads: ID NAME NODE STATE AGE", context)
    {
        Options.Add(_output);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var connection = Connect(parseResult);
        var all = new ListWorkloadsResponse();
        var request = new ListWorkloadsRequest { PageSize = PageSize };
        do
        {
            var page = await connection.Workloads.ListWorkloadsAsync(
                request, deadline: FleetConnection.Deadline(), cancellationToken: cancellationToken);
            all.Workloads.AddRange(page.Workloads);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        if (parseResult.GetValue(_output) == OutputOption.Json)
        {
            ProtoJson.Write(all, Context.Output);
            return ExitCodes.Ok;
        }

        var table = new TextTable("ID", "NAME", "NODE", "STATE", "AGE");
        var now = Context.Now;
        foreach (var workload in all.Workloads)
        {
            table.Add(
                workload.Id,
                workload.Spec?.Name ?? "",
                workload.NodeId.Length > 0 ? workload.NodeId : "-",
                StateText.Of(workload.State),
                Age.Since(workload.CreatedAt, now));
        }

        table.Write(Context.Output);
        return ExitCodes.Ok;
    }
}
