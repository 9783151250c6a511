using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Fleet.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_submits_the_spec_from_the_flags_and_prints_the_id()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "run", "--name", "hello", "--memory", "128Mi", "--cpu", "500m",
            "--rootfs", "alpine", "--env", "A=1", "-e", "B=x=y", "--", "/bin/sh", "-c", "echo hi");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var submitted = Assert.Single(server.Workloads.Submitted).Spec;
        Assert.Equal([server.Workloads.Stored[0].Id], result.OutputLines);
        Assert.Equal("hello", submitted.Name);
        Assert.Equal(["/bin/sh", "-c", "echo hi"], submitted.Command);
        Assert.Equal(128L << 20, submitted.Resources.MemoryBytes);
        Assert.Equal(500, submitted.Resources.CpuMillis);
        Assert.Equal("alpine", submitted.Rootfs);
        Assert.Equal("1", submitted.Env["A"]);
        Assert.Equal("x=y", submitted.Env["B"]);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Run_without_resource_flags_asks_for_64Mi_and_a_quarter_core()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "run", "--", "/bin/true");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var spec = Assert.Single(server.Workloads.Submitted).Spec;
        Assert.Equal(64L << 20, spec.Resources.MemoryBytes);
        Assert.Equal(250, spec.Resources.CpuMillis);
        Assert.Equal("", spec.Name);
        Assert.Equal("", spec.Rootfs);
    }

    [Theory]
    [InlineData("--memory", "lots", "--memory: 'lots' is not a memory quantity")]
    [InlineData("--memory", "0", "--memory: '0' must be greater than zero")]
    [InlineData("--memory", "-64Mi", "--memory: '-64Mi' must be greater than zero")]
    [InlineData("--cpu", "fast", "--cpu: 'fast' is not a CPU quantity")]
    [InlineData("--cpu", "0", "--cpu: '0' must be greater than zero")]
    [InlineData("--cpu", "-1", "--cpu: '-1' must be greater than zero")]
    [InlineData("--cpu", "0.0001", "--cpu: '0.0001' must be greater than zero")]
    [InlineData("--env", "NOEQUALS", "--env: 'NOEQUALS' is not KEY=VALUE")]
    [InlineData("--env", "=value", "--env: '=value' is not KEY=VALUE")]
    public async Task Bad_flag_values_are_usage_errors_that_name_the_flag_and_send_nothing(string flag, string value, string message)
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "run", flag, value, "--", "/bin/true");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: " + message, result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Workloads.Submitted);
    }

    [Fact]
    public async Task Run_without_a_command_is_a_usage_error()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "run", "--name", "x");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error: give the command to run after --", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Workloads.Submitted);
    }

    [Fact]
    public async Task Wait_and_attach_together_are_a_usage_error()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "run", "--wait", "--attach", "--", "/bin/true");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--wait and --attach", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_field_violation_from_the_server_is_printed_and_the_exit_code_is_3()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var badRequest = new BadRequest
        {
            FieldViolations =
            {
                new BadRequest.Types.FieldViolation { Field = "spec.resources.memory_bytes", Description = "must be greater than zero" },
                new BadRequest.Types.FieldViolation { Field = "spec.name", Description = "'Bad_Name' is not a DNS label" },
            },
        };
        server.Workloads.Failure = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "the workload is invalid",
            Details = { Any.Pack(badRequest) },
        }.ToRpcException();

        var result = await InProcessCli.RunAsync(server, "run", "--name", "Bad_Name", "--", "/bin/true");

        Assert.Equal(ExitCodes.Rejected, result.ExitCode);
        Assert.Equal(
            ["error: spec.resources.memory_bytes: must be greater than zero", "error: spec.name: 'Bad_Name' is not a DNS label"],
            result.ErrorLines);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_rejection_without_field_violations_prints_the_status_message()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.Failure = new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, "no node offers rootfs 'alpine'"));

        var result = await InProcessCli.RunAsync(server, "run", "--rootfs", "alpine", "--", "/bin/true");

        Assert.Equal(ExitCodes.Rejected, result.ExitCode);
        Assert.Equal(["error: no node offers rootfs 'alpine'"], result.ErrorLines);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(255)]
    public async Task Wait_exits_with_the_workloads_own_exit_code(int exitCode)
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.WatchScript = _ =>
            [Step(server, WorkloadState.Pending), Step(server, WorkloadState.Running), Step(server, WorkloadState.Exited, exitCode)];

        var result = await InProcessCli.RunAsync(server, "run", "--wait", "--", "/bin/sh", "-c", $"exit {exitCode}");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal([server.Workloads.Stored[0].Id, $"exited with code {exitCode}"], result.OutputLines);
    }

    [Theory]
    [InlineData(WorkloadState.Failed, "jail setup failed: no such rootfs", "failed: jail setup failed: no such rootfs")]
    [InlineData(WorkloadState.Stopped, "", "stopped")]
    public async Task Wait_exits_5_when_the_workload_failed_or_was_stopped(WorkloadState state, string reason, string printed)
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.WatchScript = _ => [Step(server, WorkloadState.Pending), Step(server, state, reason: reason)];

        var result = await InProcessCli.RunAsync(server, "run", "--wait", "--", "/bin/true");

        Assert.Equal(ExitCodes.WorkloadFailed, result.ExitCode);
        Assert.Equal(printed, result.OutputLines[^1]);
    }

    [Fact]
    public async Task Wait_says_once_why_the_workload_is_pending()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.WatchScript = _ =>
        [
            Step(server, WorkloadState.Pending, reason: "no node has 8Gi free"),
            Step(server, WorkloadState.Pending, reason: "no node has 8Gi free"),
            Step(server, WorkloadState.Running),
            Step(server, WorkloadState.Exited, 0),
        ];

        var result = await InProcessCli.RunAsync(server, "run", "--wait", "--memory", "8Gi", "--", "/bin/true");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal([$"{server.Workloads.Stored[0].Id} is pending: no node has 8Gi free"], result.ErrorLines);
    }

    [Fact]
    public async Task Wait_reopens_the_watch_when_the_server_ends_it_early()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.EndWatchAfterScript = true;
        server.Workloads.WatchScript = call => call == 0
            ? [Step(server, WorkloadState.Pending)]
            : [Step(server, WorkloadState.Exited, 0)];

        var result = await InProcessCli.RunAsync(server, "run", "--wait", "--", "/bin/true");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(2, server.Workloads.WatchCalls);
    }

    [Fact]
    public async Task Attach_streams_stdout_and_stderr_apart_and_exits_with_the_workloads_code()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.WatchScript = _ =>
        {
            var id = server.Workloads.Stored[0].Id;
            server.Workloads.Logs[id] = [Chunk(LogStream.Stdout, "hello\n"), Chunk(LogStream.Stderr, "oops\n"), Chunk(LogStream.Stdout, "bye\n")];
            return [Step(server, WorkloadState.Running), Step(server, WorkloadState.Exited, 3)];
        };

        var result = await InProcessCli.RunAsync(server, "run", "--attach", "--", "/bin/sh", "-c", "echo hello; echo oops >&2; echo bye; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("hello\nbye\n", result.Output);
        Assert.Equal([server.Workloads.Stored[0].Id, "oops"], result.ErrorLines);
        Assert.True(Assert.Single(server.Workloads.LogRequests).Follow);
    }

    [Fact]
    public async Task Attach_to_a_workload_that_failed_before_starting_reads_no_logs_and_exits_5()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.WatchScript = _ =>
            [Step(server, WorkloadState.Pending), Step(server, WorkloadState.Failed, reason: "exec: no such file")];

        var result = await InProcessCli.RunAsync(server, "run", "--attach", "--", "/nope");

        Assert.Equal(ExitCodes.WorkloadFailed, result.ExitCode);
        Assert.Empty(server.Workloads.LogRequests);
        Assert.Contains("failed: exec: no such file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_without_logs_on_the_node_warns_and_still_exits_with_the_workloads_code()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.LogFailure = new RpcException(new Grpc.Core.Status(StatusCode.NotFound, "no logs on node-a"));
        server.Workloads.WatchScript = _ => [Step(server, WorkloadState.Running), Step(server, WorkloadState.Exited, 4)];

        var result = await InProcessCli.RunAsync(["--server", server.Address, "run", "--attach", "--", "/bin/false"]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("warning: no logs for", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkloadState.Exited, 0, ExitCodes.Ok)]
    [InlineData(WorkloadState.Exited, 42, 42)]
    [InlineData(WorkloadState.Exited, 256, ExitCodes.WorkloadFailed)]
    [InlineData(WorkloadState.Exited, -9, ExitCodes.WorkloadFailed)]
    [InlineData(WorkloadState.Failed, 0, ExitCodes.WorkloadFailed)]
    [InlineData(WorkloadState.Stopped, 0, ExitCodes.WorkloadFailed)]
    public void The_exit_code_of_a_waited_for_workload(WorkloadState state, int exitCode, int expected)
    {
        var workload = new Workload { State = state };
        if (state == WorkloadState.Exited)
        {
            workload.ExitCode = exitCode;
        }

        Assert.Equal(expected, Fleet.Cli.Commands.RunCommand.ExitCodeOf(workload));
    }

    /// <summary>The submitted workload as recorded after one event.</summary>
    private static Workload Step(FakeControlPlane server, WorkloadState state, int? exitCode = null, string reason = "")
    {
        var snapshot = server.Workloads.Stored[0].Clone();
        snapshot.State = state;
        snapshot.Reason = reason;
        if (exitCode is { } code)
        {
            snapshot.ExitCode = code;
        }

        return snapshot;
    }

    private static LogChunk Chunk(LogStream stream, string text) =>
        new() { Stream = stream, Data = Google.Protobuf.ByteString.CopyFromUtf8(text) };
}
