using System.CommandLine;
using System.Globalization;
using Fleet.Cli.Api;
using Fleet.Cli.Output;
using Fleet.Contracts.V1;
using Grpc.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleet run</c>: submits a workload and prints its id; with --wait or --attach, stays until it ends.</summary>
internal sealed class RunCommand : FleetCommand
{
    private readonly Option<string?> _name = new("--name")
    {
        Description = "The workload's name, a DNS label unique among workloads [default: one chosen by the control plane]",
        HelpName = "NAME",
    };

    private readonly Option<string> _memory = new("--memory", "-m")
    {
        Description = "Memory limit: bytes with an optional unit (Ki, Mi, Gi, k, M, G)",
        HelpName = "QUANTITY",
        DefaultValueFactory = _ => RunSpec.DefaultMemory,
    };

    private readonly Option<string> _cpu = new("--cpu")
    {
        Description = "CPU limit: cores (0.5, 2) or millicores (500m)",
        HelpName = "QUANTITY",
        DefaultValueFactory = _ => RunSpec.DefaultCpu,
    };

    private readonly Option<string?> _rootfs = new("--rootfs")
    {
        Description = "The root file system, by name [default: busybox, the project's own]",
        HelpName = "NAME",
    };

    private readonly Option<string[]> _env = new("--env", "-e")
    {
        Description = "An environment variable for the workload; repeat for more",
        HelpName = "KEY=VALUE",
    };

    private readonly Option<bool> _wait = new("--wait", "-w")
    {
        Description = "Wait until it has exited, failed or stopped, print how it ended, and exit with its exit code (5 if it failed or was stopped)",
    };

    private readonly Option<bool> _attach = new("--attach", "-a")
    {
        Description = "Stream its stdout and stderr until it ends, then exit with its exit code (5 if it failed or was stopped); the id goes to stderr",
    };

    private readonly Argument<string[]> _command = new("command")
    {
        Description = "The program to run in the jail and its arguments; put them after -- (fleet run [options] -- CMD ARGS...)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public RunCommand(CliContext context)
        : base("run", "Run a workload in a jail on some node and print its id", context)
    {
        Options.Add(_name);
        Options.Add(_memory);
        Options.Add(_cpu);
        Options.Add(_rootfs);
        Options.Add(_env);
        Options.Add(_wait);
        Options.Add(_attach);
        Arguments.Add(_command);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var wait = parseResult.GetValue(_wait);
        var attach = parseResult.GetValue(_attach);
        if (wait && attach)
        {
            throw CommandFailedException.Usage("--wait and --attach: choose one (--attach also waits)");
        }

        var spec = RunSpec.Build(
            parseResult.GetValue(_name),
            parseResult.GetValue(_memory),
            parseResult.GetValue(_cpu),
            parseResult.GetValue(_rootfs),
            parseResult.GetValue(_env) ?? [],
            parseResult.GetValue(_command) ?? []);

        using var connection = Connect(parseResult);
        var workload = await connection.Workloads.SubmitWorkloadAsync(
            new SubmitWorkloadRequest { Spec = spec }, deadline: FleetConnection.Deadline(), cancellationToken: cancellationToken);

        // Attached, our stdout is the workload's own; the id must not mix into it.
        await (attach ? Context.Error : Context.Output).WriteLineAsync(workload.Id);
        if (!wait && !attach)
        {
            return ExitCodes.Ok;
        }

        using var watch = new WorkloadWatch(connection, workload.Id, Context.Environment.Time);
        var pendingReason = "";
        watch.Observed += w =>
        {
            // A workload that fits no node waits, maybe long: say why instead of hanging silently.
            if (w.State == WorkloadState.Pending && w.Reason.Length > 0 && w.Reason != pendingReason)
            {
                pendingReason = w.Reason;
                Context.Error.WriteLine($"{w.Id} is pending: {w.Reason}");
            }
        };
        if (attach)
        {
            // Logs exist once the node has started it; a workload that never started has none.
            var started = await watch.UntilAsync(w => w.State == WorkloadState.Running || WorkloadWatch.IsFinal(w.State), cancellationToken);
            if (started.State is WorkloadState.Running or WorkloadState.Exited)
            {
                try
                {
                    await WorkloadLogs.CopyAsync(connection, workload.Id, follow: true, new LogSink(Context.Output, Context.Error), cancellationToken);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    // The workload exists (we just made it); its node has no logs to give. How it ends still matters.
                    await Context.Error.WriteLineAsync($"warning: no logs for {workload.Id}: {e.Status.Detail}");
                }
            }
        }

        var final = await watch.UntilFinalAsync(cancellationToken);
        if (wait)
        {
            await Context.Output.WriteLineAsync(Ending(final));
        }
        else if (final.State != WorkloadState.Exited)
        {
            await Context.Error.WriteLineAsync($"error: workload {final.Id} {Ending(final)}");
        }

        return ExitCodeOf(final);
    }

    /// <summary>
    /// The exit code of a waited-for workload: its own when it exited with one that a process can
    /// return (0–255), <see cref="ExitCodes.WorkloadFailed"/> when it failed or was stopped.
    /// </summary>
    public static int ExitCodeOf(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload is { State: WorkloadState.Exited, HasExitCode: true, ExitCode: >= 0 and <= 255 }
            ? workload.ExitCode
            : ExitCodes.WorkloadFailed;
    }

    private static string Ending(Workload workload)
    {
        var state = StateText.Of(workload.State);
        if (workload.State == WorkloadState.Exited && workload.HasExitCode)
        {
            return $"{state} with code {workload.ExitCode.ToString(CultureInfo.InvariantCulture)}";
        }

        return string.IsNullOrEmpty(workload.Reason) ? state : $"{state}: {workload.Reason}";
    }
}
