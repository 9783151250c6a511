using Fleet.Domain;

namespace Fleet.Domain.Tests;

public sealed class WorkloadValidationTests
{
    private static readonly WorkloadValidation.ClusterLimits TwoCoresOneGi =
        new(new ResourceRequest(1L << 30, 2000), new HashSet<string>(StringComparer.Ordinal) { "busybox", "alpine" });

    private static WorkloadDefinition Valid() => new(
        "hello", ["/bin/echo", "hello"], new ResourceRequest(64L << 20, 500), WorkloadDefinition.DefaultRootfs,
        new Dictionary<string, string> { ["GREETING"] = "hi" });

    [Fact]
    public void A_valid_workload_has_no_violations()
    {
        Assert.Empty(WorkloadValidation.Validate(Valid(), TwoCoresOneGi));
        Assert.Empty(WorkloadValidation.Validate(Valid(), WorkloadValidation.ClusterLimits.Unknown));
    }

    [Fact]
    public void A_workload_that_fills_the_largest_node_exactly_is_valid() =>
        Assert.Empty(WorkloadValidation.Validate(
            Valid() with { Resources = new ResourceRequest(1L << 30, 2000) }, TwoCoresOneGi));

    [Theory]
    [InlineData("Hello")]
    [InlineData("-hello")]
    [InlineData("hello_world")]
    [InlineData("")]
    public void A_name_that_is_not_a_dns_label_is_rejected_on_spec_name(string name)
    {
        var violation = Assert.Single(WorkloadValidation.Validate(Valid() with { Name = name }, TwoCoresOneGi));
        Assert.Equal("spec.name", violation.Field);
        Assert.Contains("DNS label", violation.Description, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_command_is_rejected_on_spec_command()
    {
        var violation = Assert.Single(WorkloadValidation.Validate(Valid() with { Command = [] }, TwoCoresOneGi));
        Assert.Equal("spec.command", violation.Field);
        Assert.Contains("must not be empty", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_whose_program_is_blank_is_rejected_on_spec_command()
    {
        var violation = Assert.Single(WorkloadValidation.Validate(Valid() with { Command = [" ", "hello"] }, TwoCoresOneGi));
        Assert.Equal("spec.command", violation.Field);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Memory_that_is_not_positive_is_rejected_on_memory_bytes(long bytes)
    {
        var violation = Assert.Single(WorkloadValidation.Validate(
            Valid() with { Resources = new ResourceRequest(bytes, 500) }, TwoCoresOneGi));
        Assert.Equal("spec.resources.memory_bytes", violation.Field);
        Assert.Equal("must be greater than zero", violation.Description);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-500L)]
    public void Cpu_that_is_not_positive_is_rejected_on_cpu_millis(long millis)
    {
        var violation = Assert.Single(WorkloadValidation.Validate(
            Valid() with { Resources = new ResourceRequest(64L << 20, millis) }, TwoCoresOneGi));
        Assert.Equal("spec.resources.cpu_millis", violation.Field);
        Assert.Equal("must be greater than zero", violation.Description);
    }

    [Fact]
    public void Memory_larger_than_the_largest_node_is_rejected_naming_both_sizes()
    {
        var violation = Assert.Single(WorkloadValidation.Validate(
            Valid() with { Resources = new ResourceRequest(2L << 30, 500) }, TwoCoresOneGi));
        Assert.Equal("spec.resources.memory_bytes", violation.Field);
        Assert.Contains("2Gi", violation.Description, StringComparison.Ordinal);
        Assert.Contains("largest: 1Gi", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_larger_than_the_largest_node_is_rejected_naming_both_sizes()
    {
        var violation = Assert.Single(WorkloadValidation.Validate(
            Valid() with { Resources = new ResourceRequest(64L << 20, 2001) }, TwoCoresOneGi));
        Assert.Equal("spec.resources.cpu_millis", violation.Field);
        Assert.Contains("2.001 cores", violation.Description, StringComparison.Ordinal);
        Assert.Contains("largest: 2", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_is_not_limited_while_no_node_has_registered() =>
        Assert.Empty(WorkloadValidation.Validate(
            Valid() with { Resources = new ResourceRequest(1L << 50, 1_000_000) }, WorkloadValidation.ClusterLimits.Unknown));

    [Fact]
    public void An_unknown_rootfs_is_rejected_listing_the_known_ones()
    {
        var violation = Assert.Single(WorkloadValidation.Validate(Valid() with { Rootfs = "ubuntu" }, TwoCoresOneGi));
        Assert.Equal("spec.rootfs", violation.Field);
        Assert.Contains("'ubuntu'", violation.Description, StringComparison.Ordinal);
        Assert.Contains("known: alpine, busybox", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_rootfs_is_accepted_while_no_node_has_registered() =>
        Assert.Empty(WorkloadValidation.Validate(Valid() with { Rootfs = "ubuntu" }, WorkloadValidation.ClusterLimits.Unknown));

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    [InlineData("NUL\0")]
    public void An_invalid_environment_variable_name_is_rejected_on_spec_env(string key)
    {
        var violation = Assert.Single(WorkloadValidation.Validate(
            Valid() with { Environment = new Dictionary<string, string> { [key] = "x" } }, TwoCoresOneGi));
        Assert.Equal("spec.env", violation.Field);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var workload = new WorkloadDefinition("Bad_Name", [], new ResourceRequest(0, -1), "nope", new Dictionary<string, string>());
        var fields = WorkloadValidation.Validate(workload, TwoCoresOneGi).Select(violation => violation.Field);
        Assert.Equal(
            ["spec.name", "spec.command", "spec.resources.memory_bytes", "spec.resources.cpu_millis", "spec.rootfs"],
            fields);
    }
}
