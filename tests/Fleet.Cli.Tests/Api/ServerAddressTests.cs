using Fleet.Cli.Api;

namespace Fleet.Cli.Tests.Api;

public sealed class ServerAddressTests
{
    [Theory]
    [InlineData("http://10.1.2.3:7400", "http://127.0.0.2:9", "http://10.1.2.3:7400")]
    [InlineData(null, "http://127.0.0.2:9", "http://127.0.0.2:9")]
    [InlineData("", "  ", "http://127.0.0.1:7400")]
    [InlineData(null, null, "http://127.0.0.1:7400")]
    [InlineData("localhost:7400", null, "http://localhost:7400")]
    [InlineData("127.0.0.1:7400", null, "http://127.0.0.1:7400")]
    [InlineData("https://fleet.example:443/", null, "https://fleet.example")]
    public void The_flag_wins_then_the_environment_then_the_default(string? flag, string? environment, string expected) =>
        Assert.Equal(expected, ServerAddress.Display(ServerAddress.Resolve(flag, environment)));

    [Theory]
    [InlineData("ftp://host")]
    [InlineData("http://")]
    [InlineData("not a url")]
    public void Anything_but_an_http_url_is_a_usage_error_naming_the_flag(string flag)
    {
        var failure = Assert.Throws<CommandFailedException>(() => ServerAddress.Resolve(flag, null));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.StartsWith("--server: ", failure.Message, StringComparison.Ordinal);
    }
}
