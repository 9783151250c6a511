using System.CommandLine;
using System.Text.Json.Nodes;
using Fleet.Cli.Api;
using Fleet.Cli.Output;
using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet get</c>: one workload in full: spec, state, node, exit code, reason, history, and its usage (current, or final once it ended).</summary>
internal sealed class GetCommand : FleetCommand
{
    private readonly Argument<string> _workload = WorkloadArgument.Create();
    private readonly Option<string> _output = OutputOption.Create("text");

    public GetCommand(CliContext context)
        : base("get", "Show a workload: spec, state, node, exit code, reason, state history and usage", context)
    {
        Arguments.Add(_workload);
        Options.Add(_output);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var connection = Connect(parseResult);
        var workload = await connection.Workloads.GetWorkloadAsync(
            new GetWorkloadRequest { Workload = parseResult.GetRequiredValue(_workload) },
            deadline: FleetConnection.Deadline(), cancellationToken: cancellationToken);
        var usage = await UsageOf(connection, workload.Id, cancellationToken);
        if (parseResult.GetValue(_output) == OutputOption.Json)
        {
            WriteJson(workload, usage);
        }
        else
        {
            WorkloadText.Write(workload, Context.Now, Context.Output);
            if (usage is not null)
            {
                WorkloadUsageText.Write(usage, Context.Now, Context.Output);
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Null from a control plane without the Usage service, or when the workload vanished in between.</summary>
    private static async Task<WorkloadUsageReport?> UsageOf(FleetConnection connection, string workloadId, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.Usage.GetWorkloadUsageAsync(
                new GetWorkloadUsageRequest { Workload = workloadId },
                deadline: FleetConnection.Deadline(), cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unimplemented or StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The workload as protobuf JSON, with its usage report under "usage" when it has a sample or a final accounting.</summary>
    private void WriteJson(Workload workload, WorkloadUsageReport? usage)
    {
        if (usage is null || (usage.Latest is null && usage.Final is null))
        {
            ProtoJson.Write(workload, Context.Output);
            return;
        }

        var json = JsonNode.Parse(ProtoJson.Format(workload))!.AsObject();
        json["usage"] = JsonNode.Parse(ProtoJson.Format(usage));
        Context.Output.WriteLine(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
