using Fleet.Domain;

namespace Fleet.Domain.Tests;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("64Mi", 64L << 20)]
    [InlineData("1Gi", 1L << 30)]
    [InlineData("1.5Gi", 3L << 29)]
    [InlineData("512Ki", 512L << 10)]
    [InlineData("2Ti", 2L << 40)]
    [InlineData("1G", 1_000_000_000L)]
    [InlineData("500M", 500_000_000L)]
    [InlineData("4k", 4_000L)]
    [InlineData("1048576", 1L << 20)]
    [InlineData("100B", 100L)]
    [InlineData(" 64Mi ", 64L << 20)]
    [InlineData("0", 0L)]
    [InlineData("-64Mi", -(64L << 20))]
    public void Memory_parses_binary_and_decimal_suffixes(string text, long expected)
    {
        Assert.True(Quantity.TryParseMemory(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("Mi")]
    [InlineData("64Xi")]
    [InlineData("64mi")]
    [InlineData("1e6")]
    [InlineData("1,000")]
    [InlineData("64 Mi")]
    [InlineData("99999999999999999999Ti")]
    [InlineData("9223372036854775808")]
    public void Memory_rejects_what_is_not_a_quantity_or_does_not_fit_in_64_bits(string? text)
    {
        Assert.False(Quantity.TryParseMemory(text, out var bytes));
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Memory_accepts_the_largest_64_bit_value()
    {
        Assert.True(Quantity.TryParseMemory("9223372036854775807", out var bytes));
        Assert.Equal(long.MaxValue, bytes);
    }

    [Theory]
    [InlineData("0.5", 500L)]
    [InlineData("500m", 500L)]
    [InlineData("2", 2000L)]
    [InlineData("1.25", 1250L)]
    [InlineData("0.0005", 1L)]
    [InlineData("0.0004", 0L)]
    [InlineData("0", 0L)]
    [InlineData("-1", -1000L)]
    [InlineData(" 250m ", 250L)]
    public void Cpu_parses_cores_and_millicores(string text, long expected)
    {
        Assert.True(Quantity.TryParseCpu(text, out var millis));
        Assert.Equal(expected, millis);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("half")]
    [InlineData("m")]
    [InlineData("0.5 cores")]
    [InlineData("500M")]
    [InlineData("99999999999999999999")]
    [InlineData("9223372036854775808m")]
    public void Cpu_rejects_what_is_not_a_quantity_or_does_not_fit_in_64_bits(string? text)
    {
        Assert.False(Quantity.TryParseCpu(text, out var millis));
        Assert.Equal(0, millis);
    }

    [Theory]
    [InlineData(64L << 20, "64Mi")]
    [InlineData(1L << 30, "1Gi")]
    [InlineData(3L << 29, "1536Mi")]
    [InlineData(2L << 40, "2Ti")]
    [InlineData(512L << 10, "512Ki")]
    [InlineData(1000L, "1000")]
    [InlineData(0L, "0")]
    [InlineData((1L << 20) + 1, "1Mi")]
    [InlineData((3L << 20) / 2 + 1, "1.5Mi")]
    [InlineData(24683620L << 10, "23.5Gi")]
    public void Memory_formats_exactly_with_the_largest_suffix_that_divides_it_else_to_one_decimal(long bytes, string expected) =>
        Assert.Equal(expected, Quantity.FormatMemory(bytes));

    [Theory]
    [InlineData(500L, "0.5")]
    [InlineData(2000L, "2")]
    [InlineData(1250L, "1.25")]
    [InlineData(1L, "0.001")]
    [InlineData(0L, "0")]
    public void Cpu_formats_as_cores(long millis, string expected) =>
        Assert.Equal(expected, Quantity.FormatCpu(millis));

    [Theory]
    [InlineData("64Mi")]
    [InlineData("1Gi")]
    [InlineData("3Ti")]
    [InlineData("7Ki")]
    public void Formatted_memory_parses_back_to_the_same_bytes(string text)
    {
        Assert.True(Quantity.TryParseMemory(text, out var bytes));
        Assert.True(Quantity.TryParseMemory(Quantity.FormatMemory(bytes), out var again));
        Assert.Equal(bytes, again);
    }
}
