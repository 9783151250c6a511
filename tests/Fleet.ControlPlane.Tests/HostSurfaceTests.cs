using Fleet.ControlPlane.Tests.Support;
using Fleet.Contracts.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Fleet.ControlPlane.Tests;

/// <summary>What the host serves besides the Fleet API: gRPC health and reflection, and /metrics and /healthz over HTTP/1.</summary>
public sealed class HostSurfaceTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private RunningControlPlane Host => fixture.Host;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("fleet.v1.Workloads")]
    [InlineData("fleet.v1.Nodes")]
    [InlineData("fleet.v1.AgentControl")]
    public async Task Grpc_health_reports_serving_once_started(string service)
    {
        var health = new Health.HealthClient(Host.Channel);
        var response = await health.CheckAsync(new HealthCheckRequest { Service = service }, cancellationToken: Cancellation);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_lists_every_service()
    {
        var reflection = new ServerReflection.ServerReflectionClient(Host.Channel);
        using var call = reflection.ServerReflectionInfo(cancellationToken: Cancellation);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, Cancellation);
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseStream.Next();
        var services = response.ListServicesResponse.Service.Select(service => service.Name).ToList();
        Assert.Contains("fleet.v1.Workloads", services);
        Assert.Contains("fleet.v1.Nodes", services);
        Assert.Contains("fleet.v1.AgentControl", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
    }

    [Fact]
    public async Task Reflection_describes_the_workload_messages()
    {
        var reflection = new ServerReflection.ServerReflectionClient(Host.Channel);
        using var call = reflection.ServerReflectionInfo(cancellationToken: Cancellation);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "fleet.v1.Workloads" }, Cancellation);
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseStream.Next();
        var files = response.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Name);
        Assert.Contains("fleet/v1/workloads.proto", files);
    }

    [Fact]
    public async Task Http1_serves_healthz_and_metrics_with_the_submission_counter()
    {
        // A rejected submission is counted too: it makes the counter appear.
        await Assert.ThrowsAsync<RpcException>(() =>
            Host.Workloads.SubmitWorkloadAsync(new SubmitWorkloadRequest(), cancellationToken: Cancellation).ResponseAsync);

        using var http = new HttpClient { BaseAddress = Host.HttpAddress };
        using var healthz = await http.GetAsync(new Uri("/healthz", UriKind.Relative), Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(new Version(1, 1), healthz.Version);

        var metrics = await Streams.Eventually(
            () => http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancellation),
            text => text.Contains("fleet_workload_submissions", StringComparison.Ordinal));
        Assert.Contains("fleet_workload_submissions", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"rejected\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grpc_port_speaks_only_http2()
    {
        // Kestrel answers an HTTP/1.1 request on an HTTP/2-only endpoint with an error, never the page.
        using var http = new HttpClient { BaseAddress = Host.GrpcAddress };
        try
        {
            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), Cancellation);
            Assert.False(response.IsSuccessStatusCode, $"/healthz answered {response.StatusCode} over HTTP/1.1 on the gRPC port");
        }
        catch (HttpRequestException)
        {
            // Refused outright: also not served.
        }
    }
}
