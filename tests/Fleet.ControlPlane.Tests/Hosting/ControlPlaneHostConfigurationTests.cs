using Fleet.ControlPlane.Hosting;
using Fleet.ControlPlane.Tests.Support;
using Microsoft.Extensions.Options;

namespace Fleet.ControlPlane.Tests.Hosting;

/// <summary>Bad settings stop the host before it starts, naming the configuration key.</summary>
public sealed class ControlPlaneHostConfigurationTests
{
    [Theory]
    [InlineData("--Fleet:GrpcUrl=https://127.0.0.1:7400", "Fleet:GrpcUrl")]
    [InlineData("--Fleet:HttpUrl=http://example.com:7401", "Fleet:HttpUrl")]
    [InlineData("--Fleet:DataDirectory= ", "Fleet:DataDirectory")]
    [InlineData("--Orleans:SiloPort=70000", "Orleans:SiloPort")]
    [InlineData("--Orleans:GatewayPort=0", "Orleans:GatewayPort")]
    public void An_invalid_setting_fails_the_build_naming_its_key(string argument, string key)
    {
        using var data = new TempDirectory();
        var exception = Assert.Throws<OptionsValidationException>(() =>
            ControlPlaneHost.Build([$"--Fleet:DataDirectory={data.Path}", argument]));
        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_port_for_grpc_and_http_is_refused()
    {
        using var data = new TempDirectory();
        var exception = Assert.Throws<OptionsValidationException>(() => ControlPlaneHost.Build(
            [$"--Fleet:DataDirectory={data.Path}", "--Fleet:GrpcUrl=http://127.0.0.1:7500", "--Fleet:HttpUrl=http://127.0.0.1:7500"]));
        Assert.Contains("different ports", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_data_directory_is_created()
    {
        using var data = new TempDirectory();
        var nested = Path.Combine(data.Path, "a", "b");
        var app = ControlPlaneHost.Build([$"--Fleet:DataDirectory={nested}"]);
        await app.DisposeAsync();
        Assert.True(Directory.Exists(nested));
    }
}
