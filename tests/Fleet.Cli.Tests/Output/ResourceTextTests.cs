using Fleet.Cli.Output;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Tests.Output;

public sealed class ResourceTextTests
{
    [Theory]
    [InlineData(64L << 20, "64Mi")]
    [InlineData(4L << 30, "4Gi")]
    [InlineData(1536L << 20, "1.5Gi")]
    [InlineData(8_233_000_000, "7.7Gi")]
    [InlineData(1000, "1000")]
    [InlineData(1536, "1.5Ki")]
    [InlineData(0, "0")]
    public void Memory_is_exact_when_a_unit_divides_it_and_rounded_otherwise(long bytes, string expected) =>
        Assert.Equal(expected, ResourceText.Memory(bytes));

    [Fact]
    public void Resources_read_cpu_slash_memory() =>
        Assert.Equal("0.25/64Mi", ResourceText.Of(new Resources { CpuMillis = 250, MemoryBytes = 64L << 20 }));
}
