namespace Fleet.Cli.Tests.Fakes;

/// <summary>Runs <c>fleet</c> in-process against a server address, with its own environment and clock.</summary>
public static class InProcessCli
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static Task<CliResult> RunAsync(FakeControlPlane server, params string[] args) =>
        RunAsync(["--server", server.Address, .. args]);

    /// <summary>
    /// A command that waits for something the fake never sends would hang the suite: after this long
    /// it is interrupted instead, and its exit code (130) fails the test.
    /// </summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    public static async Task<CliResult> RunAsync(string[] args, Dictionary<string, string>? variables = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(HangLimit);
        return await RunInterruptibleAsync(args, variables, limit.Token);
    }

    /// <summary>Runs it with <paramref name="interrupt"/> standing for Ctrl+C.</summary>
    public static async Task<CliResult> RunInterruptibleAsync(string[] args, Dictionary<string, string>? variables, CancellationToken interrupt)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var environment = new CliEnvironment
        {
            GetVariable = name => variables?.GetValueOrDefault(name),
            Time = new FixedTime(Now),
            ExecutableDirectory = "/opt/fleet/bin/cli",
        };
        var exitCode = await FleetCli.RunAsync(args, output, error, environment, interrupt);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
