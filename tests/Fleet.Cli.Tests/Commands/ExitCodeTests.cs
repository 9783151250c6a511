using System.Net;
using System.Net.Sockets;
using Fleet.Cli.Tests.Fakes;
using Grpc.Core;

namespace Fleet.Cli.Tests.Commands;

/// <summary>Every row of the exit-code table, as a user meets it (README.md documents the same table).</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public async Task Ok_is_0()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "ps");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
    }

    [Theory]
    [InlineData("ps", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("get")]
    [InlineData("ps", "-o", "yaml")]
    [InlineData("nodes", "-o")]
    [InlineData("run", "--cpu")]
    [InlineData()]
    public async Task Usage_errors_are_1_and_print_error_lines_and_a_hint(params string[] args)
    {
        var result = await InProcessCli.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage", result.ErrorLines[^1], StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_bad_option_value_names_the_option()
    {
        var result = await InProcessCli.RunAsync(["nodes", "-o", "yaml"]);

        Assert.Equal("error: --output: Argument 'yaml' not recognized. Must be one of: 'table' 'json'", result.ErrorLines[0]);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, 2)]
    [InlineData(StatusCode.InvalidArgument, 3)]
    [InlineData(StatusCode.FailedPrecondition, 3)]
    [InlineData(StatusCode.AlreadyExists, 3)]
    [InlineData(StatusCode.Unavailable, 4)]
    [InlineData(StatusCode.DeadlineExceeded, 4)]
    [InlineData(StatusCode.Internal, 10)]
    [InlineData(StatusCode.Unimplemented, 10)]
    public async Task A_gRPC_status_maps_to_its_exit_code(StatusCode status, int expected)
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Workloads.Failure = new RpcException(new Status(status, "the server says no"));

        var result = await InProcessCli.RunAsync(server, "get", "x");

        Assert.Equal(expected, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("the server says no", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_crash_is_10()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Nodes.Failure = new InvalidOperationException("boom");

        var result = await InProcessCli.RunAsync(server, "nodes");

        Assert.Equal(ExitCodes.Internal, result.ExitCode);
        Assert.StartsWith("error: Unknown: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_control_plane_is_4_and_the_message_names_the_address()
    {
        var address = $"http://127.0.0.1:{ClosedPort()}";

        var result = await InProcessCli.RunAsync(["--server", address, "ps"]);

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Equal([$"error: cannot reach the control plane at {address}: is it running? (fleet dev start)"], result.ErrorLines);
    }

    [Fact]
    public async Task FLEET_ADDR_chooses_the_control_plane_when_there_is_no_server_flag()
    {
        var address = $"http://127.0.0.1:{ClosedPort()}";

        var result = await InProcessCli.RunAsync(["nodes"], new() { ["FLEET_ADDR"] = address });

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains(address, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_flag_wins_over_FLEET_ADDR_and_may_follow_the_command()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(["ps", "--server", server.Address], new() { ["FLEET_ADDR"] = $"http://127.0.0.1:{ClosedPort()}" });

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
    }

    [Fact]
    public async Task A_bad_server_address_is_a_usage_error()
    {
        var result = await InProcessCli.RunAsync(["ps"], new() { ["FLEET_ADDR"] = "ftp://example" });

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: FLEET_ADDR: 'ftp://example' is not a control-plane address", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_0_and_goes_to_stdout()
    {
        var result = await InProcessCli.RunAsync(["run", "--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--memory", result.Output, StringComparison.Ordinal);
        Assert.Contains("[default: 64Mi]", result.Output, StringComparison.Ordinal);
        Assert.Contains("[default: 0.25]", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound, noted, released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
