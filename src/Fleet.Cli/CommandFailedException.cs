namespace Fleet.Cli;

/// <summary>
/// A command cannot go on: <see cref="Exception.Message"/> is printed as <c>error: …</c> (one line
/// per entry of <see cref="Lines"/> when there are several) and the process exits with <see cref="ExitCode"/>.
/// </summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException(int exitCode, string message)
        : this(exitCode, [message])
    {
    }

    public CommandFailedException(int exitCode, IReadOnlyList<string> lines)
        : base(string.Join(Environment.NewLine, lines))
    {
        ExitCode = exitCode;
        Lines = lines;
    }

    public int ExitCode { get; }

    /// <summary>The error lines, each printed after <c>error: </c>.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>A usage error that names the flag or argument at fault.</summary>
    public static CommandFailedException Usage(string message) => new(ExitCodes.Usage, message);
}
