namespace Fleet.EndToEnd.Tests;

/// <summary>What one run of the <c>fleet</c> command printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
