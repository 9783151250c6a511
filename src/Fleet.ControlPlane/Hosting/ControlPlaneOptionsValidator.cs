using Microsoft.Extensions.Options;

namespace Fleet.ControlPlane.Hosting;

/// <summary>Refuses settings the host cannot start with, naming the configuration key.</summary>
internal sealed class ControlPlaneOptionsValidator : IValidateOptions<ControlPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, ControlPlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Fleet:DataDirectory must name a directory");
        }

        var grpcValid = ListenEndpoint.TryParse(options.GrpcUrl, out var grpc, out var grpcError);
        if (!grpcValid)
        {
            failures.Add($"Fleet:GrpcUrl {grpcError}");
        }

        var httpValid = ListenEndpoint.TryParse(options.HttpUrl, out var http, out var httpError);
        if (!httpValid)
        {
            failures.Add($"Fleet:HttpUrl {httpError}");
        }

        // The gRPC port speaks only HTTP/2 and the other only HTTP/1, so they cannot share a port.
        if (grpcValid && httpValid && grpc.Port != 0 && grpc.Port == http.Port)
        {
            failures.Add($"Fleet:GrpcUrl and Fleet:HttpUrl must use different ports (both use {grpc.Port})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
