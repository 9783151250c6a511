using Fleet.Cli.Output;

namespace Fleet.Cli.Tests.Output;

public sealed class AgeTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(5, "5s")]
    [InlineData(59.9, "59s")]
    [InlineData(60, "1m")]
    [InlineData(3 * 60 + 59, "3m")]
    [InlineData(3600, "1h")]
    [InlineData(2 * 3600 + 1800, "2h")]
    [InlineData(86400, "1d")]
    [InlineData(4 * 86400 + 3600, "4d")]
    [InlineData(400 * 86400, "400d")]
    [InlineData(-3, "0s")]
    public void Ages_are_written_in_one_whole_unit(double seconds, string expected) =>
        Assert.Equal(expected, Age.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_missing_timestamp_has_no_age() => Assert.Equal("-", Age.Since(null, DateTimeOffset.UnixEpoch));
}
