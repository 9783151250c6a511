using Fleet.Domain;

namespace Fleet.Domain.Tests;

public sealed class DnsLabelTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("web-1")]
    [InlineData("1-web")]
    [InlineData("a--b")]
    [InlineData("w-abcdefgh2345")]
    public void Accepts_lower_case_labels(string name) => Assert.True(DnsLabel.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("Web")]
    [InlineData("web_1")]
    [InlineData("web.1")]
    [InlineData("web 1")]
    [InlineData("wéb")]
    public void Rejects_anything_else(string? name) => Assert.False(DnsLabel.IsValid(name));

    [Fact]
    public void Allows_at_most_63_characters()
    {
        Assert.True(DnsLabel.IsValid(new string('a', 63)));
        Assert.False(DnsLabel.IsValid(new string('a', 64)));
    }
}
