using Fleet.Cli.Dev;

using Fleet.Cli.Tests.Fakes;

namespace Fleet.Cli.Tests.Dev;

public sealed class BinDirectoryTests
{
    [Fact]
    public void The_flag_wins() =>
        Assert.Equal("/srv/fleet/bin", BinDirectory.Resolve("/srv/fleet/bin", "/env/bin", "/opt/fleet/bin/cli"));

    [Fact]
    public void Then_FLEET_BIN_DIR() =>
        Assert.Equal("/env/bin", BinDirectory.Resolve(null, "/env/bin", "/opt/fleet/bin/cli"));

    [Theory]
    [InlineData("/work/main/artifacts/bin/cli")]
    [InlineData("/work/main/artifacts/bin/cli/")]
    public void Else_the_directory_above_the_clis_own(string executableDirectory) =>
        Assert.Equal("/work/main/artifacts/bin", BinDirectory.Resolve("", " ", executableDirectory));

    [Fact]
    public void A_relative_flag_is_taken_from_the_current_directory() =>
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "artifacts/bin"), BinDirectory.Resolve("artifacts/bin", null, "/x/cli"));

    [Fact]
    public void The_running_executables_directory_is_a_real_directory_holding_it()
    {
        var directory = BinDirectory.RunningExecutableDirectory();

        Assert.True(Directory.Exists(directory), directory);
        Assert.True(File.Exists(Path.Combine(directory, "fleet.dll")), $"no fleet.dll in {directory}");
    }

    [Fact]
    public async Task Dev_start_names_the_missing_binary_and_exits_1()
    {
        using var data = new TemporaryDirectory();
        using var bin = new TemporaryDirectory();
        Directory.CreateDirectory(bin.Combine("controlplane"));
        File.WriteAllText(bin.Combine("controlplane", "fleet-controlplane"), "");

        var result = await InProcessCli.RunAsync(["dev", "start", "--data-dir", data.Path, "--bin-dir", bin.Path]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith($"error: --bin-dir: no fleet-agent at {bin.Combine("agent", "fleet-agent")}", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data.Combine("dev")), "nothing is started or created when a binary is missing");
    }
}
