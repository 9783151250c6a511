namespace Fleet.Cli;

/// <summary>
/// What <c>fleet</c> reads from the machine besides its arguments, so that tests can run it
/// in-process with their own environment variables and clock.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>The real process environment, clock and executable location.</summary>
    public static CliEnvironment System { get; } = new();

    /// <summary>Looks up an environment variable (<c>FLEET_ADDR</c>, <c>FLEET_BIN_DIR</c>); default: the process's own.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The clock ages are computed against; default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The directory holding the fleet executable, symlinks resolved; <c>fleet dev start</c> finds the
    /// other binaries beside it. Default: the real directory of the running executable.
    /// </summary>
    public string ExecutableDirectory { get; init; } = Dev.BinDirectory.RunningExecutableDirectory();
}
