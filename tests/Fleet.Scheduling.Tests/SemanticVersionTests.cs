using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

public sealed class SemanticVersionTests
{
    /// <summary>The precedence example of SemVer 2.0.0 §11, lowest first.</summary>
    [Fact]
    public void The_specifications_example_sorts_in_order()
    {
        string[] ordered =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0",
        ];

        for (var i = 0; i < ordered.Length - 1; i++)
        {
            var lower = SemanticVersion.Parse(ordered[i]);
            var higher = SemanticVersion.Parse(ordered[i + 1]);
            Assert.True(lower < higher, $"{ordered[i]} < {ordered[i + 1]}");
            Assert.True(higher > lower);
            Assert.False(higher <= lower);
        }
    }

    [Theory]
    [InlineData("6.1", "6.1.0")]
    [InlineData("v6", "6.0.0")]
    [InlineData("1.2.3+build.5", "1.2.3")]
    [InlineData("1.2.3-rc.1+x", "1.2.3-rc.1")]
    [InlineData("1.2.3-rc.01", "1.2.3-rc.1")]
    public void Lenient_forms_equal_their_full_form(string text, string full)
    {
        Assert.Equal(SemanticVersion.Parse(full), SemanticVersion.Parse(text));
        Assert.Equal(0, SemanticVersion.Parse(text).CompareTo(SemanticVersion.Parse(full)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3.4")]
    [InlineData("1..2")]
    [InlineData("a.b.c")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3-a_b")]
    [InlineData("-1.2.3")]
    public void Malformed_versions_do_not_parse(string text)
    {
        Assert.False(SemanticVersion.TryParse(text, out _));
    }

    [Fact]
    public void Numeric_identifiers_compare_as_numbers_of_any_length_and_rank_below_words()
    {
        Assert.True(SemanticVersion.Parse("1.0.0-99999999999999999999999") > SemanticVersion.Parse("1.0.0-9"));
        Assert.True(SemanticVersion.Parse("1.0.0-9") < SemanticVersion.Parse("1.0.0-a"));
        Assert.True(SemanticVersion.Parse("6.18.0-1-cloud-amd64") > SemanticVersion.Parse("6.1"));
        Assert.True(SemanticVersion.Parse("6.1.0-13-amd64") < SemanticVersion.Parse("6.1.0"));
    }

    [Fact]
    public void Prints_the_normal_form()
    {
        Assert.Equal("6.1.0", SemanticVersion.Parse("v6.1").ToString());
        Assert.Equal("1.2.3-rc.1", SemanticVersion.Parse("1.2.3-rc.1+build").ToString());
    }
}
