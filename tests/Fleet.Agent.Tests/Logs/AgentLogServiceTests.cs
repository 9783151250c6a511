using System.Text;
using Fleet.Agent.Logs;
using Fleet.Agent.Tests.Fakes;
using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static Fleet.Agent.Tests.Fakes.AgentHarness;
using AgentClient = Fleet.Contracts.V1.Agent.AgentClient;

namespace Fleet.Agent.Tests.Logs;

public sealed class AgentLogServiceTests : IAsyncLifetime
{
    private readonly AgentHarness _harness = new();
    private readonly FakeJailRuntime _runtime = new();
    private WorkloadReconciler _reconciler = null!;
    private GrpcTestServer _server = null!;
    private AgentClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _reconciler = _harness.CreateReconciler(_runtime);
        _server = await GrpcTestServer.StartAsync(
            services => services.AddSingleton(_harness.Logs).AddSingleton(_reconciler),
            app => app.MapGrpcService<AgentLogService>());
        _client = new AgentClient(_server.Channel);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Follows_a_running_workload_until_it_exits()
    {
        await _reconciler.ApplyAsync(Set(1, Assignment("w-live")), Cancel);
        var spec = Assert.Single(_runtime.Started);
        await File.AppendAllTextAsync(spec.StdoutPath, "hello\n", Cancel);

        using var call = _client.StreamLogs(new AgentStreamLogsRequest { WorkloadId = "w-live", Follow = true }, cancellationToken: Cancel);
        Assert.True(await call.ResponseStream.MoveNext(Cancel));
        Assert.Equal("hello\n", call.ResponseStream.Current.Data.ToStringUtf8());

        await File.AppendAllTextAsync(spec.StderrPath, "done\n", Cancel);
        _runtime.Jail("w-live").Exit(0);

        var rest = new StringBuilder();
        while (await call.ResponseStream.MoveNext(Cancel))
        {
            Assert.Equal(LogStream.Stderr, call.ResponseStream.Current.Stream);
            rest.Append(call.ResponseStream.Current.Data.ToStringUtf8());
        }

        Assert.Equal("done\n", rest.ToString());
    }

    [Fact]
    public async Task An_unknown_workload_is_not_found()
    {
        using var call = _client.StreamLogs(new AgentStreamLogsRequest { WorkloadId = "w-nobody" }, cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Cancel));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("w-nobody", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc")]
    public async Task A_malformed_id_is_an_invalid_argument_naming_the_field(string id)
    {
        using var call = _client.StreamLogs(new AgentStreamLogsRequest { WorkloadId = id }, cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Cancel));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("workload_id", violation.Field);
    }
}
