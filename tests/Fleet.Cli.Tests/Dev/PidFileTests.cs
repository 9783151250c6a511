using Fleet.Cli.Dev;

namespace Fleet.Cli.Tests.Dev;

public sealed class PidFileTests
{
    [Fact]
    public void A_written_pid_reads_back()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.pid");

        PidFile.Write(path, 4242);

        Assert.Equal(4242, PidFile.Read(path));
        Assert.Equal("4242\n", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Writing_again_replaces_the_pid()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.pid");
        PidFile.Write(path, 1);

        PidFile.Write(path, 2);

        Assert.Equal(2, PidFile.Read(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc\n")]
    [InlineData("-5\n")]
    [InlineData("0\n")]
    [InlineData("12 13\n")]
    public void A_file_without_one_positive_pid_reads_as_none(string content)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.pid");
        File.WriteAllText(path, content);

        Assert.Null(PidFile.Read(path));
    }

    [Fact]
    public void A_missing_file_or_directory_reads_as_none_and_deletes_quietly()
    {
        using var directory = new TemporaryDirectory();

        Assert.Null(PidFile.Read(directory.Combine("none.pid")));
        Assert.Null(PidFile.Read(directory.Combine("no-dir", "none.pid")));
        PidFile.Delete(directory.Combine("none.pid"));
        PidFile.Delete(directory.Combine("no-dir", "none.pid"));
    }
}
