namespace Fleet.Cli;

/// <summary>
/// The one table of exit codes of <c>fleet</c>. README.md documents the same table; every command
/// returns one of these, except <c>fleet run --wait/--attach</c>, which passes on the workload's own
/// exit code when it exited (as <c>docker run</c> does).
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>Bad flags or arguments: nothing was sent to the control plane.</summary>
    public const int Usage = 1;

    /// <summary>The named workload or node does not exist (gRPC NOT_FOUND).</summary>
    public const int NotFound = 2;

    /// <summary>The control plane refused the request (INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS, OUT_OF_RANGE).</summary>
    public const int Rejected = 3;

    /// <summary>The control plane could not be reached or did not answer in time (UNAVAILABLE, DEADLINE_EXCEEDED), or a dev node did not come up.</summary>
    public const int Unavailable = 4;

    /// <summary>A waited-for workload ended without exiting: it failed or was stopped (or its exit code does not fit 0–255).</summary>
    public const int WorkloadFailed = 5;

    /// <summary>Anything else: an unexpected answer or a bug in fleet.</summary>
    public const int Internal = 10;

    /// <summary>Interrupted by Ctrl+C (SIGINT) or SIGTERM, as shells report 128 + SIGINT.</summary>
    public const int Interrupted = 130;
}
