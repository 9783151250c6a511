using Fleet.ControlPlane.Hosting;

namespace Fleet.ControlPlane.Tests.Hosting;

public sealed class ListenEndpointTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7400", "127.0.0.1", 7400)]
    [InlineData("http://localhost:7401", "localhost", 7401)]
    [InlineData("http://*:7400", "0.0.0.0", 7400)]
    [InlineData("http://+:7400", "0.0.0.0", 7400)]
    [InlineData("http://[::1]:7400", "::1", 7400)]
    [InlineData("http://0.0.0.0:0", "0.0.0.0", 0)]
    [InlineData("http://127.0.0.1:7400/", "127.0.0.1", 7400)]
    public void Parses_plain_http_listen_urls(string url, string host, int port)
    {
        Assert.True(ListenEndpoint.TryParse(url, out var endpoint, out var error), error);
        Assert.Equal(new ListenEndpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7400")]
    [InlineData("https://127.0.0.1:7400")]
    [InlineData("http://127.0.0.1:7400/api")]
    [InlineData("http://example.com:7400")]
    [InlineData("127.0.0.1:7400")]
    public void Refuses_anything_else_saying_why(string? url)
    {
        Assert.False(ListenEndpoint.TryParse(url, out _, out var error));
        Assert.Contains($"'{url}'", error, StringComparison.Ordinal);
    }
}
