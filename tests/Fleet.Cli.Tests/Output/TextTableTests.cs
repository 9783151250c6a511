using Fleet.Cli.Output;

namespace Fleet.Cli.Tests.Output;

public sealed class TextTableTests
{
    [Fact]
    public void Columns_are_as_wide_as_their_widest_cell_and_lines_have_no_trailing_blanks()
    {
        var table = new TextTable("ID", "NAME", "NOTE");
        table.Add("w-1", "a-long-name", "");
        table.Add("w-22", "b", "x");
        using var writer = new StringWriter { NewLine = "\n" };

        table.Write(writer);

        Assert.Equal("ID     NAME          NOTE\nw-1    a-long-name\nw-22   b             x\n", writer.ToString());
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused() =>
        Assert.Throws<ArgumentException>(() => new TextTable("A", "B").Add("only one"));
}
