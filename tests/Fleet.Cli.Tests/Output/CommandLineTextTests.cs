using Fleet.Cli.Output;

namespace Fleet.Cli.Tests.Output;

public sealed class CommandLineTextTests
{
    [Fact]
    public void Plain_words_stay_plain_and_others_are_single_quoted() =>
        Assert.Equal(
            "/bin/sh -c 'echo \"hi\" && exit 1' '' 'it'\\''s' --flag=x",
            CommandLineText.Join(["/bin/sh", "-c", "echo \"hi\" && exit 1", "", "it's", "--flag=x"]));
}
