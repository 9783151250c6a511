using Fleet.Scheduling;

namespace Fleet.Scheduling.Tests;

public sealed class LabelConstraintTests
{
    [Theory]
    [InlineData("zone=a", "zone=a", ConstraintOperator.Equal)]
    [InlineData("  zone = a ", "zone=a", ConstraintOperator.Equal)]
    [InlineData("zone == a", "zone=a", ConstraintOperator.Equal)]
    [InlineData("zone!=a", "zone!=a", ConstraintOperator.NotEqual)]
    [InlineData("zone in (a,b)", "zone in (a, b)", ConstraintOperator.In)]
    [InlineData("zone in(a)", "zone in (a)", ConstraintOperator.In)]
    [InlineData("zone not in ( a , b )", "zone not in (a, b)", ConstraintOperator.NotIn)]
    [InlineData("gpu exists", "gpu exists", ConstraintOperator.Exists)]
    [InlineData("gpu not exists", "gpu not exists", ConstraintOperator.NotExists)]
    [InlineData("kernel semver >= 6.1", "kernel semver >= 6.1", ConstraintOperator.VersionGreaterOrEqual)]
    [InlineData("kernel semver>6.1.0-rc.1", "kernel semver > 6.1.0-rc.1", ConstraintOperator.VersionGreater)]
    [InlineData("kernel version < v7", "kernel semver < v7", ConstraintOperator.VersionLess)]
    [InlineData("kernel semver <= 7.0", "kernel semver <= 7.0", ConstraintOperator.VersionLessOrEqual)]
    [InlineData("fleet.io/zone=a", "fleet.io/zone=a", ConstraintOperator.Equal)]
    public void The_written_form_parses_and_prints_back(string text, string printed, ConstraintOperator op)
    {
        var constraint = LabelConstraint.Parse(text);

        Assert.Equal(op, constraint.Operator);
        Assert.Equal(printed, constraint.ToString());
        Assert.Equal(constraint, LabelConstraint.Parse(printed));
    }

    [Theory]
    [InlineData("", "has no label name")]
    [InlineData("=a", "has no label name")]
    [InlineData("zone", "is not a constraint")]
    [InlineData("zone=", "needs one value")]
    [InlineData("zone=a b", "needs one value")]
    [InlineData("zone in a, b", "list in parentheses")]
    [InlineData("zone in (a,,b)", "must be non-empty")]
    [InlineData("zone semver ~ 1", "semver takes one of")]
    [InlineData("zone semver >= banana", "is not a version")]
    [InlineData("gpu exists now", "is not a constraint")]
    public void Bad_text_is_refused_saying_why(string text, string because)
    {
        Assert.False(LabelConstraint.TryParse(text, out var constraint, out var error));
        Assert.Null(constraint);
        Assert.Contains(because, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => LabelConstraint.Parse(text));
    }

    [Fact]
    public void Absent_labels_satisfy_only_the_negative_operators()
    {
        Assert.True(LabelConstraint.NotEqual("k", "v").IsSatisfiedBy((string?)null));
        Assert.True(LabelConstraint.NotIn("k", "v").IsSatisfiedBy((string?)null));
        Assert.True(LabelConstraint.NotExists("k").IsSatisfiedBy((string?)null));
        Assert.False(LabelConstraint.Equal("k", "v").IsSatisfiedBy((string?)null));
        Assert.False(LabelConstraint.In("k", "v").IsSatisfiedBy((string?)null));
        Assert.False(LabelConstraint.Exists("k").IsSatisfiedBy((string?)null));
        Assert.False(LabelConstraint.VersionCompare("k", ConstraintOperator.VersionLess, "9").IsSatisfiedBy((string?)null));
    }

    [Fact]
    public void Values_must_suit_the_operator()
    {
        Assert.Throws<ArgumentException>(() => LabelConstraint.Create("k", ConstraintOperator.Equal, ["a", "b"]));
        Assert.Throws<ArgumentException>(() => LabelConstraint.Create("k", ConstraintOperator.In, []));
        Assert.Throws<ArgumentException>(() => LabelConstraint.Create("k", ConstraintOperator.Exists, ["a"]));
        Assert.Throws<ArgumentException>(() => LabelConstraint.Create("", ConstraintOperator.Exists, []));
        Assert.Throws<ArgumentException>(() => LabelConstraint.VersionCompare("k", ConstraintOperator.VersionGreater, "x.y"));
    }

    [Fact]
    public void Selectors_split_on_commas_outside_parentheses()
    {
        var selector = WorkloadSelector.Parse("app=web, tier in (a, b), canary not exists");

        Assert.Equal(3, selector.Requirements.Length);
        Assert.Equal("app=web, tier in (a, b), canary not exists", selector.ToString());
        Assert.True(selector.Matches(Harness.Labels("app=web", "tier=b")));
        Assert.False(selector.Matches(Harness.Labels("app=web", "tier=b", "canary=1")));
        Assert.True(WorkloadSelector.Parse(string.Empty).Matches(Harness.Labels()));
        Assert.False(WorkloadSelector.TryParse("app=web, tier in (a", out _, out _));
    }
}
